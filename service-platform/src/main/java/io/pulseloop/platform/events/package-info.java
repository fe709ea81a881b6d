/**
 * Events in and out, the same way in every service: {@link io.pulseloop.platform.events.TolerantEventReader} (skips
 * and counts what this version cannot know), {@link io.pulseloop.platform.events.EventPublisher} (keyed records,
 * acknowledged within a bounded time) and {@link io.pulseloop.platform.events.DeadLetters} (the standard cause
 * headers).
 */
package io.pulseloop.platform.events;
