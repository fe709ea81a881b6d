/** Churn-risk and upsell signals: their remembered state, evaluation per NPS answer, and publication. */
package io.pulseloop.analytics.signals;
