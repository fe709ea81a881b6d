/** Kafka's own KRaft broker, started in the launcher's JVM on fixed ports with a data directory that survives restarts. */
package io.pulseloop.localstack.kafka;
