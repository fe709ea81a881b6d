/** The staff API that answers "why was this person (not) surveyed?": every decision for a contact, with its rule. */
package io.pulseloop.survey.decisions;
