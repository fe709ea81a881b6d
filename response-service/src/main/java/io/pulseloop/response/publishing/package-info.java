/**
 * response-service's outgoing records ({@code OutgoingRecord}, kept in the outbox as built), event ids and output
 * topics. Sending and awaiting {@code acks=all}, with every producer wait bounded, is the platform's
 * {@code io.pulseloop.platform.events.EventPublisher}.
 */
package io.pulseloop.response.publishing;
