package io.pulseloop.crmsync.writeback.rules;

/** A property of one contact set to a value by an event. */
public record PropertyChange(String property, PropertyValue value) {
}
