/**
 * The published language of Pulseloop: immutable event records, the topic catalogue and the JSON settings
 * every service uses to read and write them. Contracts only: no Spring, no persistence, no business rules.
 */
package io.pulseloop.events;
