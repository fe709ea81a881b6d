package io.pulseloop.events.survey;

import java.math.BigDecimal;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.CustomerStatus;

/**
 * The snapshot of who was surveyed about what, taken when the invitation was created and carried unchanged
 * by every later event of that invitation (responses, scores, tasks), so that consumers need no joins and no
 * calls to other services. Any field may be {@code null} when the CRM did not say.
 *
 * @param triggerType the canonical event that triggered the survey, e.g. {@code crm.ticket.closed}
 * @param amount      the deal amount, for revenue by NPS category (deal triggers only)
 */
public record SurveyContext(
        String accountId,
        String accountName,
        AccountTier accountTier,
        CustomerStatus customerStatus,
        String region,
        String branch,
        String ownerId,
        String triggerType,
        String triggerEventId,
        String ticketId,
        String ticketType,
        String technicianId,
        String dealId,
        String product,
        BigDecimal amount,
        String currency) {
}
