/** The invitation and reminder emails: localized text and HTML with one-click score links and RFC 8058 unsubscribe headers, sent over SMTP behind a circuit breaker. */
package io.pulseloop.survey.email;
