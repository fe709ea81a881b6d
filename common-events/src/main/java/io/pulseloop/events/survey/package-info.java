/**
 * The invitation lifecycle published by survey-service: scheduled, suppressed (with the rule that decided),
 * sent, reminded, expired; with the survey snapshot and the context downstream services need.
 */
package io.pulseloop.events.survey;
