/** What every analytics query shares: dimensions of a fact, grouping, periods, CSV and problem answers. */
package io.pulseloop.analytics.query;
