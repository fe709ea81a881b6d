/**
 * What response-service publishes: the response lifecycle (started, completed, revised), survey opt-outs, and
 * one score event per answer and per revision carrying everything closed-loop and analytics need.
 */
package io.pulseloop.events.response;
