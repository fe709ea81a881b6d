/** Writing response-service's events to Kafka and waiting until every in-sync replica has them. */
package io.pulseloop.response.publishing;
