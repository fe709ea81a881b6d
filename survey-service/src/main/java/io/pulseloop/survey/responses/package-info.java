/** The consumer of response.responses.v1: a response stops the reminder, an opt-out stops every invitation. */
package io.pulseloop.survey.responses;
