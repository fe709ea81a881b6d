/** analytics-service: projections of scores by segment and period, signals, and the dashboard. */
package io.pulseloop.analytics;
