/** Micrometer gauges of the current scores per survey, for Grafana. */
package io.pulseloop.analytics.metrics;
