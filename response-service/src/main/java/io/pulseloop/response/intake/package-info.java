/**
 * Response intake: turns an answer to an invitation into a response with revisions, and into the response and
 * score events, durable in MongoDB and Kafka before the caller hears "accepted".
 */
package io.pulseloop.response.intake;
