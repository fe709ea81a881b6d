package io.pulseloop.analytics.query;

import java.util.Locale;

import io.pulseloop.events.survey.SurveyContext;

/**
 * The segments of contract §6.2 a response (or an invitation) belongs to, from its invitation's context snapshot.
 * Any of them may be {@code null} when the CRM did not say.
 */
public record Dimensions(String region, String branch, String owner, String accountTier, String ticketType,
        String technician, String product, String survey, String locale) {

    public static Dimensions of(SurveyContext context, String surveyId, String locale) {
        if (context == null) {
            return new Dimensions(null, null, null, null, null, null, null, surveyId, locale);
        }
        return new Dimensions(context.region(), context.branch(), context.ownerId(),
                context.accountTier() == null ? null : context.accountTier().name().toLowerCase(Locale.ROOT),
                context.ticketType(), context.technicianId(), context.product(), surveyId, locale);
    }
}
