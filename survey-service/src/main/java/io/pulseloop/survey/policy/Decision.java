package io.pulseloop.survey.policy;

import java.time.Instant;

/**
 * One recorded decision.
 *
 * @param kind      what was decided
 * @param rule      the rule that decided: a {@link io.pulseloop.events.survey.SuppressionReason} name or one of
 *                  {@link Rules}
 * @param decidedAt when, by the service clock
 * @param dueAt     for {@link DecisionKind#SCHEDULED} and {@link DecisionKind#DELAYED}: when the send is now due
 * @param detail    a human-readable explanation without personal data
 */
public record Decision(DecisionKind kind, String rule, Instant decidedAt, Instant dueAt, String detail) {
}
