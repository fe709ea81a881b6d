package io.pulseloop.response;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.events.survey.SurveySnapshot;
import io.pulseloop.events.survey.SurveySnapshot.ExtraQuestion;
import io.pulseloop.events.survey.SurveySnapshot.QuestionType;
import io.pulseloop.response.invitations.TokenHash;

/** Invitations as survey-service would send them, with fresh ids and an unguessable raw token. */
public final class TestInvitations {

    private TestInvitations() {
    }

    /** A sent invitation and the raw token that only the email carries. */
    public record Sent(String token, InvitationSent event) {

        public String contactId() {
            return event.contactId();
        }

        public String invitationId() {
            return event.invitationId();
        }

        public String json() {
            return EventJson.mapper().writerFor(InvitationEvent.class).writeValueAsString(event);
        }
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** An NPS invitation in the given locale, expiring 30 days after {@code now}. */
    public static Sent nps(String locale, Instant now) {
        return sent(npsSurvey(), locale, now, now.plus(30, ChronoUnit.DAYS));
    }

    public static Sent sent(SurveySnapshot survey, String locale, Instant now, Instant expiresAt) {
        String token = newToken();
        String contactId = "contact-" + UUID.randomUUID();
        String invitationId = "inv-" + UUID.randomUUID();
        InvitationSent event = new InvitationSent("evt-" + UUID.randomUUID(), now.minus(1, ChronoUnit.HOURS),
                contactId, "corr-" + UUID.randomUUID(), invitationId, survey.surveyId(), TokenHash.of(token),
                expiresAt, locale, survey, context());
        return new Sent(token, event);
    }

    public static SurveyContext context() {
        return new SurveyContext("acct-1", "Acme s.r.o.", AccountTier.KEY, CustomerStatus.CUSTOMER, "CZ", "Brno",
                "owner-7", "crm.deal.won", "deal-evt-1", null, null, null, "deal-1", "Platform",
                new BigDecimal("12000.50"), "CZK");
    }

    /**
     * The relationship NPS survey in three languages, with an always-shown choice question ({@code channel}) and a
     * free-text question only for detractors ({@code improve}).
     */
    public static SurveySnapshot npsSurvey() {
        return new SurveySnapshot("relationship-nps", 3, Metric.NPS,
                Map.of("en", "Acme feedback", "cs", "Zpětná vazba Acme", "pl", "Opinia o Acme"),
                Map.of("en", "How likely are you to recommend Acme to a friend or colleague?",
                        "cs", "Jak pravděpodobné je, že doporučíte Acme příteli nebo kolegovi?",
                        "pl", "Jak bardzo prawdopodobne jest, że polecisz Acme znajomemu lub współpracownikowi?"),
                Map.of("en", "not at all likely", "cs", "vůbec ne", "pl", "zupełnie nieprawdopodobne"),
                Map.of("en", "extremely likely", "cs", "určitě ano", "pl", "bardzo prawdopodobne"),
                Map.of("en", "Why did you give this score?", "cs", "Proč jste dali toto hodnocení?",
                        "pl", "Dlaczego wystawiłeś taką ocenę?"),
                List.of(
                        new ExtraQuestion("channel", QuestionType.SINGLE_CHOICE,
                                Map.of("en", "How do you usually contact us?", "cs", "Jak nás obvykle kontaktujete?",
                                        "pl", "Jak zwykle się z nami kontaktujesz?"),
                                List.of(),
                                Map.of("email", Map.of("en", "Email", "cs", "E-mail", "pl", "E-mail"),
                                        "phone", Map.of("en", "Phone", "cs", "Telefon", "pl", "Telefon")),
                                false),
                        new ExtraQuestion("improve", QuestionType.FREE_TEXT,
                                Map.of("en", "What should we improve first?", "cs", "Co bychom měli zlepšit nejdřív?",
                                        "pl", "Co powinniśmy poprawić najpierw?"),
                                List.of(ScoreCategory.DETRACTOR), Map.of(), false)));
    }

    /** A CSAT survey without extra questions and with no texts, so the built-in ones show. */
    public static SurveySnapshot csatSurvey() {
        return new SurveySnapshot("support-csat", 1, Metric.CSAT, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                List.of());
    }
}
