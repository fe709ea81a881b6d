/**
 * Which CRM contact properties Pulseloop writes back (contract §8), and which of two values of a property is the
 * newer one: plain Java, free of Spring.
 */
package io.pulseloop.crmsync.writeback.rules;
