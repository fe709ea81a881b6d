/** The typed catalogue of every Kafka topic Pulseloop reads or writes: name, key, events, producer, consumers. */
package io.pulseloop.events.topic;
