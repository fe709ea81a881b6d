/** The one security rule analytics adds to the platform's: the dashboard's own API calls carry its session. */
package io.pulseloop.analytics.security;
