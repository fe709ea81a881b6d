/** The score facts every analytics projection is built from: one per response, at its latest revision. */
package io.pulseloop.analytics.scores;
