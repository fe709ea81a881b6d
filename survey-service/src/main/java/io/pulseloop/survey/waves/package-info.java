/** Relationship surveys on a schedule: waves to the current customer base, each spread over a period. */
package io.pulseloop.survey.waves;
