/** The signal rules of contract §8.1 (churn risk raised and cleared, upsell raised and withdrawn), plain Java. */
package io.pulseloop.analytics.signals.rules;
