/**
 * Defaults every service shares, applied to the environment before the application starts: the MongoDB database
 * from the URI, Kafka observation (trace context in record headers), health probes.
 */
package io.pulseloop.platform.environment;
