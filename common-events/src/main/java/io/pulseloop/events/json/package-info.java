/** The JSON settings every producer and consumer of Pulseloop events uses. */
package io.pulseloop.events.json;
