/** The staff dashboard: a server-rendered shell whose charts and tables load from the analytics API. */
package io.pulseloop.analytics.dashboard;
