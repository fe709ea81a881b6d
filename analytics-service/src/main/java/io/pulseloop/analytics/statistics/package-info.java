/** The statistics shown with every number: scores, margins of error, intervals and period comparisons; plain Java. */
package io.pulseloop.analytics.statistics;
