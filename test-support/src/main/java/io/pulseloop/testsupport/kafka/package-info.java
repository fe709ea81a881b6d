/**
 * Plain Kafka clients for tests: publish a record and wait for the broker's ack, create topics, and watch topics for
 * the records an action produces.
 */
package io.pulseloop.testsupport.kafka;
