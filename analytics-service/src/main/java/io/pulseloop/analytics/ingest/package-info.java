/** The Kafka bindings: each topic's events read tolerantly and handed to the projections they feed. */
package io.pulseloop.analytics.ingest;
