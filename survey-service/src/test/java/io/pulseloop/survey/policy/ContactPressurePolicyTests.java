package io.pulseloop.survey.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.survey.SuppressionReason;

class ContactPressurePolicyTests {

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
    /** Tuesday 2026-11-24, 10:00 in Prague. */
    private static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T09:00:00Z");

    private static final QuietHours QUIET_HOURS = new QuietHours(true, LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), PRAGUE);

    private final ContactPressurePolicy policy = new ContactPressurePolicy(
            new PolicySettings(Duration.ofDays(30), null, QUIET_HOURS, Duration.ofDays(365)));

    private final SurveyRule csat = new SurveyRule("support-csat", Duration.ofHours(24), Map.of(), 1.0, null);

    @Test
    void suppressesUnknownContact() {
        assertThat(policy.decideTrigger(csat, ticket(TUESDAY_MORNING), null, List.of(), TUESDAY_MORNING))
                .isEqualTo(suppressed(SuppressionReason.UNKNOWN_CONTACT));
    }

    @Test
    void erasureDecidesBeforeEveryOtherRule() {
        ContactFacts erasedAndDoNotContact = new ContactFacts("c-1", true, true, true, false, false, null, Map.of(),
                null, null, Map.of());
        assertThat(reasonFor(erasedAndDoNotContact)).isEqualTo(SuppressionReason.ERASED);
    }

    @Test
    void suppressesUnsubscribedDoNotContactWithdrawnConsentAndMissingEmail() {
        assertThat(reasonFor(new ContactFacts("c", false, true, false, true, true, null, Map.of(), null, null,
                Map.of()))).isEqualTo(SuppressionReason.UNSUBSCRIBED);
        assertThat(reasonFor(new ContactFacts("c", false, false, true, true, true, null, Map.of(), null, null,
                Map.of()))).isEqualTo(SuppressionReason.DO_NOT_CONTACT);
        assertThat(reasonFor(new ContactFacts("c", false, false, false, false, true, null, Map.of(), null, null,
                Map.of()))).isEqualTo(SuppressionReason.NO_SURVEY_CONSENT);
        assertThat(reasonFor(new ContactFacts("c", false, false, false, true, false, null, Map.of(), null, null,
                Map.of()))).isEqualTo(SuppressionReason.NO_EMAIL);
    }

    @Test
    void treatsUnknownConsentAsConsent() {
        ContactFacts consentUnknown = new ContactFacts("c", false, false, false, null, true, "Europe/Prague",
                Map.of(), null, null, Map.of());
        assertThat(policy.decideTrigger(csat, ticket(TUESDAY_MORNING), consentUnknown, List.of(), TUESDAY_MORNING))
                .isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void plansTheSendAfterTheTriggerDelay() {
        Verdict verdict = policy.decideTrigger(csat, ticket(TUESDAY_MORNING), eligible(), List.of(), TUESDAY_MORNING);
        assertThat(verdict).isEqualTo(new Verdict.Proceed(TUESDAY_MORNING.plus(Duration.ofHours(24)), null));
    }

    @Test
    void countsTheDelayFromWhenTheTicketClosedAndSendsLateTriggersAtOnce() {
        Instant closedTwoDaysAgo = TUESDAY_MORNING.minus(Duration.ofDays(2));
        Verdict verdict = policy.decideTrigger(csat, ticket(closedTwoDaysAgo), eligible(), List.of(),
                TUESDAY_MORNING);
        assertThat(verdict).isEqualTo(new Verdict.Proceed(TUESDAY_MORNING, null));
    }

    @Test
    void filtersOutTriggersFarLaterThanAllowed() {
        Instant closedLastYear = TUESDAY_MORNING.minus(Duration.ofDays(400));
        assertThat(policy.decideTrigger(csat, ticket(closedLastYear), eligible(), List.of(), TUESDAY_MORNING))
                .extracting(verdict -> ((Verdict.Suppress) verdict).reason())
                .isEqualTo(SuppressionReason.FILTERED_OUT);
    }

    @Test
    void delayOverrideReplacesEveryTriggerDelay() {
        ContactPressurePolicy local = new ContactPressurePolicy(new PolicySettings(Duration.ofDays(30),
                Duration.ofSeconds(10), QuietHours.off(), Duration.ofDays(365)));
        assertThat(local.decideTrigger(csat, ticket(TUESDAY_MORNING), eligible(), List.of(), TUESDAY_MORNING))
                .isEqualTo(new Verdict.Proceed(TUESDAY_MORNING.plusSeconds(10), null));
        assertThat(local.effectiveDelay(Duration.ofDays(90))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void movesASendDueAtNightToTheNextWorkingMorningInTheContactsZone() {
        Instant fridayEvening = Instant.parse("2026-11-27T19:00:00Z");
        Verdict verdict = policy.decideTrigger(csat, ticket(fridayEvening.minus(Duration.ofHours(24))), eligible(),
                List.of(), fridayEvening.minus(Duration.ofHours(24)));
        assertThat(verdict).isInstanceOf(Verdict.Proceed.class);
        Verdict.Proceed proceed = (Verdict.Proceed) verdict;
        assertThat(proceed.at()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(proceed.delayedByQuietHours()).isTrue();
        assertThat(proceed.quietHoursDetail()).contains("Europe/Prague");
    }

    @Test
    void filtersOnEventAndContactAttributesCaseInsensitively() {
        SurveyRule incidentsOfKeyAccounts = new SurveyRule("s", Duration.ZERO,
                Map.of("ticketType", Set.of("incident"), "accountTier", Set.of("key")), 1.0, null);
        ContactFacts keyAccount = new ContactFacts("c", false, false, false, true, true, "Europe/Prague",
                Map.of("accountTier", "key"), null, null, Map.of());
        assertThat(policy.decideTrigger(incidentsOfKeyAccounts, ticket(TUESDAY_MORNING, "INCIDENT"), keyAccount,
                List.of(), TUESDAY_MORNING)).isInstanceOf(Verdict.Proceed.class);
        Verdict question = policy.decideTrigger(incidentsOfKeyAccounts, ticket(TUESDAY_MORNING, "question"),
                keyAccount, List.of(), TUESDAY_MORNING);
        assertThat(question).isInstanceOf(Verdict.Suppress.class);
        assertThat(((Verdict.Suppress) question).reason()).isEqualTo(SuppressionReason.FILTERED_OUT);
        assertThat(((Verdict.Suppress) question).detail()).contains("ticketType 'question'");
    }

    @Test
    void samplesDeterministically() {
        SurveyRule nobody = new SurveyRule("s", Duration.ZERO, Map.of(), 0.0, null);
        assertThat(policy.decideTrigger(nobody, ticket(TUESDAY_MORNING), eligible(), List.of(), TUESDAY_MORNING))
                .extracting(verdict -> ((Verdict.Suppress) verdict).reason())
                .isEqualTo(SuppressionReason.SAMPLED_OUT);
        long sampledIn = IntStream.range(0, 10_000).filter(i -> Sampling.sampledIn("key-" + i, 0.3)).count();
        assertThat(sampledIn).isBetween(2_800L, 3_200L);
        assertThat(Sampling.sampledIn("same", 0.5)).isEqualTo(Sampling.sampledIn("same", 0.5));
    }

    @Test
    void suppressesWithinTheGlobalFatigueWindowAcrossSurveys() {
        ContactFacts invitedTenDaysAgo = new ContactFacts("c", false, false, false, true, true, "Europe/Prague",
                Map.of(), TUESDAY_MORNING.minus(Duration.ofDays(10)), "inv-other", Map.of());
        SurveyRule now = new SurveyRule("relationship-nps", Duration.ZERO, Map.of(), 1.0, null);
        Verdict verdict = policy.decideTrigger(now, ticket(TUESDAY_MORNING), invitedTenDaysAgo, List.of(),
                TUESDAY_MORNING);
        assertThat(((Verdict.Suppress) verdict).reason()).isEqualTo(SuppressionReason.FATIGUE_WINDOW);
    }

    @Test
    void aPlannedInvitationHoldsItsPlaceInTheWindow() {
        List<PendingInvitation> pending = List.of(new PendingInvitation("inv-1", "support-csat",
                TUESDAY_MORNING.plus(Duration.ofDays(1))));
        Verdict verdict = policy.decideTrigger(csat, ticket(TUESDAY_MORNING), eligible(), pending, TUESDAY_MORNING);
        assertThat(((Verdict.Suppress) verdict).reason()).isEqualTo(SuppressionReason.FATIGUE_WINDOW);
        assertThat(((Verdict.Suppress) verdict).detail()).contains("inv-1");
        List<PendingInvitation> farAway = List.of(new PendingInvitation("inv-2", "relationship-nps",
                TUESDAY_MORNING.plus(Duration.ofDays(90))));
        assertThat(policy.decideTrigger(csat, ticket(TUESDAY_MORNING), eligible(), farAway, TUESDAY_MORNING))
                .isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void appliesTheSurveysOwnWindowOnTopOfTheGlobalOne() {
        SurveyRule quarterly = new SurveyRule("relationship-nps", Duration.ZERO, Map.of(), 1.0, Duration.ofDays(90));
        ContactFacts askedFortyDaysAgo = new ContactFacts("c", false, false, false, true, true, "Europe/Prague",
                Map.of(), TUESDAY_MORNING.minus(Duration.ofDays(40)), "inv-old",
                Map.of("relationship-nps", TUESDAY_MORNING.minus(Duration.ofDays(40))));
        assertThat(((Verdict.Suppress) policy.decideTrigger(quarterly, ticket(TUESDAY_MORNING), askedFortyDaysAgo,
                List.of(), TUESDAY_MORNING)).reason()).isEqualTo(SuppressionReason.SURVEY_WINDOW);
        assertThat(policy.decideTrigger(csat, ticket(TUESDAY_MORNING), askedFortyDaysAgo, List.of(),
                TUESDAY_MORNING)).isInstanceOf(Verdict.Proceed.class);
    }

    @Test
    void aDueSendWaitsOutsideSendingHours() {
        Instant saturday = Instant.parse("2026-11-28T12:00:00Z");
        assertThat(policy.decideSend(csat, eligible(), "inv-1", saturday))
                .isEqualTo(new Verdict.Wait(Instant.parse("2026-11-30T08:00:00Z"),
                        ((Verdict.Wait) policy.decideSend(csat, eligible(), "inv-1", saturday)).detail()));
    }

    @Test
    void aRetriedSendKeepsTheSlotItAlreadyHolds() {
        ContactFacts heldByThisInvitation = new ContactFacts("c", false, false, false, true, true, "Europe/Prague",
                Map.of(), TUESDAY_MORNING.minus(Duration.ofMinutes(5)), "inv-1", Map.of());
        assertThat(policy.decideSend(csat, heldByThisInvitation, "inv-1", TUESDAY_MORNING))
                .isInstanceOf(Verdict.Proceed.class);
        assertThat(policy.decideSend(csat, heldByThisInvitation, "inv-2", TUESDAY_MORNING))
                .isInstanceOf(Verdict.Suppress.class);
    }

    @Test
    void aWavePlaceIsNotDueBeforeItsSpreadOffset() {
        Instant place = TUESDAY_MORNING.plus(Duration.ofDays(3));
        TriggerFacts wave = new TriggerFacts("schedule.wave", "wave:1|contact:c", null, Map.of(), place);
        SurveyRule scheduled = new SurveyRule("pulse", Duration.ZERO, Map.of(), 1.0, null);
        assertThat(policy.decideTrigger(scheduled, wave, eligible(), List.of(), TUESDAY_MORNING))
                .isEqualTo(new Verdict.Proceed(place, null));
    }

    @Test
    void remindersOnlyCheckEligibilityAndSendingHours() {
        ContactFacts justInvited = new ContactFacts("c", false, false, false, true, true, "Europe/Prague", Map.of(),
                TUESDAY_MORNING.minus(Duration.ofDays(3)), "inv-1", Map.of());
        assertThat(policy.decideReminder(justInvited, TUESDAY_MORNING)).isInstanceOf(Verdict.Proceed.class);
        ContactFacts optedOut = new ContactFacts("c", false, true, false, true, true, null, Map.of(), null, null,
                Map.of());
        assertThat(policy.decideReminder(optedOut, TUESDAY_MORNING)).isInstanceOf(Verdict.Suppress.class);
    }

    private SuppressionReason reasonFor(ContactFacts contact) {
        return ((Verdict.Suppress) policy.decideTrigger(csat, ticket(TUESDAY_MORNING), contact, List.of(),
                TUESDAY_MORNING)).reason();
    }

    private static Verdict.Suppress suppressed(SuppressionReason reason) {
        return new Verdict.Suppress(reason, "no ContactUpserted received for this contact yet");
    }

    private static ContactFacts eligible() {
        return new ContactFacts("c-1", false, false, false, true, true, "Europe/Prague", Map.of(), null, null,
                Map.of());
    }

    private static TriggerFacts ticket(Instant closedAt) {
        return ticket(closedAt, "incident");
    }

    private static TriggerFacts ticket(Instant closedAt, String ticketType) {
        return new TriggerFacts("crm.ticket.closed", "ticket:T-1|contact:c-1", closedAt,
                Map.of("ticketType", ticketType), null);
    }

    @Test
    void theSlotCheckTheDirectoryMakesUnderItsLockIsThePolicysOwnEligibilityAndWindows() {
        Instant now = TUESDAY_MORNING;
        ContactFacts fresh = new ContactFacts("c", false, false, false, true, true, null, Map.of(), null, null,
                Map.of());
        assertThat(policy.slotFree(fresh, "inv-1", "support-csat", null, now)).isTrue();
        ContactFacts optedOut = new ContactFacts("c", false, true, false, true, true, null, Map.of(), null, null,
                Map.of());
        assertThat(policy.slotFree(optedOut, "inv-1", "support-csat", null, now)).isFalse();
        Instant lastWeek = now.minus(Duration.ofDays(7));
        ContactFacts invitedLastWeek = new ContactFacts("c", false, false, false, true, true, null, Map.of(),
                lastWeek, "inv-0", Map.of("relationship-nps", lastWeek));
        assertThat(policy.slotFree(invitedLastWeek, "inv-1", "support-csat", null, now)).isFalse();
        assertThat(policy.slotFree(invitedLastWeek, "inv-0", "relationship-nps", Duration.ofDays(90), now))
                .as("a retried send keeps its own slot").isTrue();
        Instant fortyDaysAgo = now.minus(Duration.ofDays(40));
        ContactFacts npsFortyDaysAgo = new ContactFacts("c", false, false, false, true, true, null, Map.of(),
                fortyDaysAgo, "inv-0", Map.of("relationship-nps", fortyDaysAgo));
        assertThat(policy.slotFree(npsFortyDaysAgo, "inv-1", "support-csat", null, now)).isTrue();
        assertThat(policy.slotFree(npsFortyDaysAgo, "inv-2", "relationship-nps", Duration.ofDays(90), now))
                .as("the survey's own window").isFalse();
    }
}
