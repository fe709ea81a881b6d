package io.pulseloop.survey.jmh;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.policy.ContactFacts;
import io.pulseloop.survey.policy.ContactPressurePolicy;
import io.pulseloop.survey.policy.PendingInvitation;
import io.pulseloop.survey.policy.PolicySettings;
import io.pulseloop.survey.policy.QuietHours;
import io.pulseloop.survey.policy.Sampling;
import io.pulseloop.survey.policy.SurveyRule;
import io.pulseloop.survey.policy.TriggerFacts;
import io.pulseloop.survey.policy.Verdict;

/**
 * One contact-pressure decision ({@link ContactPressurePolicy}) for a contact with a realistic history: consent and
 * email, a time zone, filter attributes, invitations from five surveys in the past year and one planned send, under
 * a survey with filters, 50 % sampling (a SHA-256 of the trigger), a 1 h delay and its own 90-day window, quiet hours
 * 09:00–18:00 on working days and a 30-day global fatigue window. The duplicate-trigger check is not here: it is the
 * trigger's identity looked up in MongoDB before the policy runs. Each benchmark checks in its setup that the
 * decision is the one its name says. Run with {@code -Pjmh} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContactPressurePolicyJmh {

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");
    /** Tuesday 2026-11-24, 10:00 in Prague. */
    private static final Instant TUESDAY_MORNING = Instant.parse("2026-11-24T09:00:00Z");
    /** Friday 2026-11-27, 18:30 in Prague: after the sending hours, so the send moves to Monday 09:00. */
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-11-27T17:30:00Z");

    private final ContactPressurePolicy policy = new ContactPressurePolicy(new PolicySettings(Duration.ofDays(30),
            null, new QuietHours(true, LocalTime.of(9, 0), LocalTime.of(18, 0),
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("UTC")),
            Duration.ofDays(365)));
    private final SurveyRule survey = new SurveyRule("support-csat", Duration.ofHours(1),
            Map.of("accountTier", Set.of("key", "standard"), "ticketType", Set.of("repair", "installation")), 0.5,
            Duration.ofDays(90));
    private final List<PendingInvitation> pending = List.of(
            new PendingInvitation("i-relationship-q1", "relationship-nps", TUESDAY_MORNING.plus(Duration.ofDays(45))));

    private ContactFacts rested;
    private ContactFacts recentlyInvited;
    private TriggerFacts morningTrigger;
    private TriggerFacts eveningTrigger;

    @Setup
    public void setUp() {
        rested = contact(TUESDAY_MORNING.minus(Duration.ofDays(40)));
        recentlyInvited = contact(TUESDAY_MORNING.minus(Duration.ofDays(10)));
        String sampledInKey = sampledInKey();
        morningTrigger = trigger(sampledInKey, TUESDAY_MORNING.minus(Duration.ofHours(1)));
        eveningTrigger = trigger(sampledInKey, FRIDAY_EVENING.minus(Duration.ofHours(1)));
        expect(decideTriggerProceeds() instanceof Verdict.Proceed p && p.quietHoursDetail() == null, "proceeds");
        expect(decideTriggerMovedByQuietHours() instanceof Verdict.Proceed p && p.quietHoursDetail() != null,
                "is moved by the quiet hours");
        expect(decideTriggerSuppressedByFatigue() instanceof Verdict.Suppress s
                && s.reason() == SuppressionReason.FATIGUE_WINDOW, "is suppressed by the fatigue window");
        expect(decideSendProceeds() instanceof Verdict.Proceed, "sends");
    }

    /** The common case: every rule passes and the send is planned at its due time. */
    @Benchmark
    public Verdict decideTriggerProceeds() {
        return policy.decideTrigger(survey, morningTrigger, rested, pending, TUESDAY_MORNING);
    }

    /** Due outside the sending hours in the contact's zone: moved to the next working morning, with its reason. */
    @Benchmark
    public Verdict decideTriggerMovedByQuietHours() {
        return policy.decideTrigger(survey, eveningTrigger, rested, pending, FRIDAY_EVENING);
    }

    /** Invited ten days ago: suppressed by the global window, with its reason. */
    @Benchmark
    public Verdict decideTriggerSuppressedByFatigue() {
        return policy.decideTrigger(survey, morningTrigger, recentlyInvited, pending, TUESDAY_MORNING);
    }

    /** The check at send time: eligibility, sending hours, fatigue. */
    @Benchmark
    public Verdict decideSendProceeds() {
        return policy.decideSend(survey, rested, "i-8842", TUESDAY_MORNING);
    }

    private static ContactFacts contact(Instant lastContactedAt) {
        return new ContactFacts("c-42", false, false, false, true, true, PRAGUE.getId(),
                Map.of("accountTier", "key", "region", "cee", "branch", "brno", "customerStatus", "customer"),
                lastContactedAt, "i-7001", Map.of(
                        "support-csat", TUESDAY_MORNING.minus(Duration.ofDays(120)),
                        "relationship-nps", TUESDAY_MORNING.minus(Duration.ofDays(200)),
                        "onboarding-ces", TUESDAY_MORNING.minus(Duration.ofDays(300)),
                        "deal-won-nps", lastContactedAt,
                        "installation-csat", TUESDAY_MORNING.minus(Duration.ofDays(160))));
    }

    private static TriggerFacts trigger(String sampleKey, Instant happenedAt) {
        return new TriggerFacts("crm.ticket.closed", sampleKey, happenedAt,
                Map.of("ticketType", "Repair", "technicianId", "tech-3"), null);
    }

    private static String sampledInKey() {
        for (int i = 0; ; i++) {
            if (Sampling.sampledIn("support-csat|t-" + i, 0.5)) {
                return "t-" + i;
            }
        }
    }

    private static void expect(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("the sample decision no longer " + what);
        }
    }
}
