/** Score facts (one per response, at its latest revision) and the scores API computed from them. */
package io.pulseloop.analytics.scores;
