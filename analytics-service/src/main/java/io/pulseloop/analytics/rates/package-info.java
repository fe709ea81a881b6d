/** Response rates of contract §6.2: invited, opened, started and completed per invitation, and their shares. */
package io.pulseloop.analytics.rates;
