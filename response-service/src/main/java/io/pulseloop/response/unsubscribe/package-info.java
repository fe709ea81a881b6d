/** Survey opt-out: the unsubscribe page, its form, and the RFC 8058 one-click POST of the invitation's headers. */
package io.pulseloop.response.unsubscribe;
