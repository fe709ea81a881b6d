/** How the service consumes Kafka: bounded retries, dead-letter topics with the cause in headers, invalid records never retried. */
package io.pulseloop.survey.messaging;
