/** Signals analytics-service derives from scores: churn risk detected or cleared, upsell opportunities. */
package io.pulseloop.events.signal;
