/** Signals analytics-service derives from scores: churn risk detected or cleared, upsell raised or withdrawn. */
package io.pulseloop.events.signal;
