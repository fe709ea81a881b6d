/** Term extraction with Lucene's language analysers and the ranking of terms by lift; plain Java. */
package io.pulseloop.analytics.themes.analysis;
