/** The economics of promoters and detractors: won-deal revenue by NPS category, repeat purchases after CSAT. */
package io.pulseloop.analytics.revenue;
