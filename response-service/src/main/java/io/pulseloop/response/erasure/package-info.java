/** The right to erasure: a contact's comments and other personal data leave response-service, scores stay. */
package io.pulseloop.response.erasure;
