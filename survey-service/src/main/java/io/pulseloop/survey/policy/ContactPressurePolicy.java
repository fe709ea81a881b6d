package io.pulseloop.survey.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.pulseloop.events.survey.SuppressionReason;

/**
 * The one contact-pressure policy, applied to every survey, every trigger, every due send and every reminder.
 *
 * <p>Order of the rules (the first that applies decides, and is what the decision log shows):
 * <ol>
 * <li>eligibility: {@code UNKNOWN_CONTACT}, {@code ERASED}, {@code UNSUBSCRIBED}, {@code DO_NOT_CONTACT},
 * {@code NO_SURVEY_CONSENT}, {@code NO_EMAIL};</li>
 * <li>for triggers: the survey's filters ({@code FILTERED_OUT}, also for triggers that arrive far too late), then
 * sampling ({@code SAMPLED_OUT});</li>
 * <li>quiet hours in the contact's zone: at trigger time they move the planned send ({@code QUIET_HOURS} delay); at
 * send time a send that is due outside them waits;</li>
 * <li>fatigue: the global window across all surveys ({@code FATIGUE_WINDOW}), then the survey's own window
 * ({@code SURVEY_WINDOW}). Sent invitations, sent reminders and planned sends all hold their place in the window;
 * the earlier decision keeps it.</li>
 * </ol>
 * {@code DUPLICATE_TRIGGER} is decided before the policy runs, by the identity of the trigger.
 */
public final class ContactPressurePolicy {

    private final PolicySettings settings;

    public ContactPressurePolicy(PolicySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public PolicySettings settings() {
        return settings;
    }

    /** The delay that applies to a survey's trigger: the configured override, if any, else the survey's own. */
    public Duration effectiveDelay(Duration surveyDelay) {
        if (settings.delayOverride() != null) {
            return settings.delayOverride();
        }
        return (surveyDelay == null) ? Duration.ZERO : surveyDelay;
    }

    /**
     * Decides a trigger: suppress it, or plan the send.
     *
     * @param contact {@code null} when the contact is unknown
     * @param pending the contact's other planned, unsent invitations
     */
    public Verdict decideTrigger(SurveyRule survey, TriggerFacts trigger, ContactFacts contact,
            List<PendingInvitation> pending, Instant now) {
        Optional<Verdict.Suppress> ineligible = eligibility(contact);
        if (ineligible.isPresent()) {
            return ineligible.get();
        }
        Optional<String> mismatch = TriggerFilters.mismatch(survey.filters(), trigger.attributes(),
                contact.attributes());
        if (mismatch.isPresent()) {
            return new Verdict.Suppress(SuppressionReason.FILTERED_OUT, mismatch.get());
        }
        Instant happenedAt = (trigger.happenedAt() == null || trigger.happenedAt().isAfter(now))
                ? now : trigger.happenedAt();
        Duration delay = effectiveDelay(survey.delay());
        Instant due = happenedAt.plus(delay);
        if (due.isBefore(now)) {
            Duration late = Duration.between(due, now);
            if (late.compareTo(settings.maxTriggerLateness()) > 0) {
                return new Verdict.Suppress(SuppressionReason.FILTERED_OUT, "the send was due at " + due + " ("
                        + trigger.eventType() + " + " + Durations.iso(delay) + "), " + Durations.iso(late)
                        + " ago, longer than the allowed lateness " + Durations.iso(settings.maxTriggerLateness()));
            }
            due = now;
        }
        if (trigger.notBefore() != null && trigger.notBefore().isAfter(due)) {
            due = trigger.notBefore();
        }
        if (!Sampling.sampledIn(survey.surveyId() + "|" + trigger.sampleKey(), survey.sampleRate())) {
            return new Verdict.Suppress(SuppressionReason.SAMPLED_OUT, "sample rate " + survey.sampleRate()
                    + " of survey " + survey.surveyId());
        }
        Instant send = settings.quietHours().nextAllowed(due, contact.timeZone());
        String quietDetail = send.equals(due) ? null : "due at " + due + ", outside the sending hours "
                + settings.quietHours().describe(contact.timeZone()) + "; moved to " + send;
        Optional<Verdict.Suppress> fatigued = fatigue(survey.surveyId(), survey.surveyWindow(), contact, pending, send,
                null);
        if (fatigued.isPresent()) {
            return fatigued.get();
        }
        return new Verdict.Proceed(send, quietDetail);
    }

    /**
     * Decides a due send at {@code now}: send, wait for the sending hours, or suppress.
     *
     * @param invitationId the invitation being sent; a fatigue slot it already holds does not count against it
     */
    public Verdict decideSend(SurveyRule survey, ContactFacts contact, String invitationId, Instant now) {
        Optional<Verdict.Suppress> ineligible = eligibility(contact);
        if (ineligible.isPresent()) {
            return ineligible.get();
        }
        Optional<Verdict.Wait> quiet = quietHoursAt(contact, now);
        if (quiet.isPresent()) {
            return quiet.get();
        }
        Optional<Verdict.Suppress> fatigued = fatigue(survey.surveyId(), survey.surveyWindow(), contact, List.of(), now,
                invitationId);
        if (fatigued.isPresent()) {
            return fatigued.get();
        }
        return new Verdict.Proceed(now, null);
    }

    /**
     * Decides a due reminder at {@code now}. The reminder belongs to an invitation that already holds the contact's
     * fatigue slot, so only eligibility and the sending hours apply.
     */
    public Verdict decideReminder(ContactFacts contact, Instant now) {
        Optional<Verdict.Suppress> ineligible = eligibility(contact);
        if (ineligible.isPresent()) {
            return ineligible.get();
        }
        Optional<Verdict.Wait> quiet = quietHoursAt(contact, now);
        if (quiet.isPresent()) {
            return quiet.get();
        }
        return new Verdict.Proceed(now, null);
    }

    /**
     * The fatigue-slot check, made by the contact directory while it holds the contact's lock, on the contact as it is
     * at that moment: the slot is free when the contact is eligible and neither the global window nor the survey's
     * window holds another invitation or reminder. A retried send of the invitation that already holds the slot gets
     * it again.
     *
     * @param surveyWindow the survey's own window, or {@code null}
     */
    public boolean slotFree(ContactFacts contact, String invitationId, String surveyId, Duration surveyWindow,
            Instant now) {
        return eligibility(contact).isEmpty()
                && fatigue(surveyId, surveyWindow, contact, List.of(), now, invitationId).isEmpty();
    }

    /** The eligibility rules alone: the contact may never be invited while one of them applies. */
    public Optional<Verdict.Suppress> eligibility(ContactFacts contact) {
        if (contact == null) {
            return suppress(SuppressionReason.UNKNOWN_CONTACT, "no ContactUpserted received for this contact yet");
        }
        if (contact.erased()) {
            return suppress(SuppressionReason.ERASED, "the contact was erased (right to erasure)");
        }
        if (contact.unsubscribed()) {
            return suppress(SuppressionReason.UNSUBSCRIBED, "the contact unsubscribed from surveys");
        }
        if (contact.doNotContact()) {
            return suppress(SuppressionReason.DO_NOT_CONTACT, "the CRM marks the contact do-not-contact");
        }
        if (Boolean.FALSE.equals(contact.surveysConsent())) {
            return suppress(SuppressionReason.NO_SURVEY_CONSENT, "the contact's consent to surveys is withdrawn");
        }
        if (!contact.hasEmail()) {
            return suppress(SuppressionReason.NO_EMAIL, "the CRM has no usable email address for the contact");
        }
        return Optional.empty();
    }

    private Optional<Verdict.Wait> quietHoursAt(ContactFacts contact, Instant now) {
        Instant allowed = settings.quietHours().nextAllowed(now, contact.timeZone());
        if (allowed.isAfter(now)) {
            return Optional.of(new Verdict.Wait(allowed, "outside the sending hours "
                    + settings.quietHours().describe(contact.timeZone()) + "; waits until " + allowed));
        }
        return Optional.empty();
    }

    private Optional<Verdict.Suppress> fatigue(String surveyId, Duration surveyWindow, ContactFacts contact,
            List<PendingInvitation> pending, Instant send, String invitationId) {
        Duration window = settings.fatigueWindow();
        boolean ownSlot = invitationId != null && invitationId.equals(contact.lastContactedHolder());
        Instant last = contact.lastContactedAt();
        if (!ownSlot && last != null && within(last, send, window)) {
            return suppress(SuppressionReason.FATIGUE_WINDOW, "last invitation or reminder at " + last
                    + "; the global window " + Durations.iso(window) + " lasts until " + last.plus(window));
        }
        for (PendingInvitation other : pending) {
            if (within(other.dueAt(), send, window)) {
                return suppress(SuppressionReason.FATIGUE_WINDOW, "invitation " + other.invitationId()
                        + " (survey " + other.surveyId() + ") is planned for " + other.dueAt()
                        + ", within the global window " + Durations.iso(window) + " of " + send);
            }
        }
        if (surveyWindow != null && !surveyWindow.isZero()) {
            Instant lastOfSurvey = contact.lastContactedBySurvey().get(surveyId);
            if (!ownSlot && lastOfSurvey != null && within(lastOfSurvey, send, surveyWindow)) {
                return suppress(SuppressionReason.SURVEY_WINDOW, "last invitation of survey " + surveyId
                        + " at " + lastOfSurvey + "; its window " + Durations.iso(surveyWindow) + " lasts until "
                        + lastOfSurvey.plus(surveyWindow));
            }
            for (PendingInvitation other : pending) {
                if (other.surveyId().equals(surveyId) && within(other.dueAt(), send, surveyWindow)) {
                    return suppress(SuppressionReason.SURVEY_WINDOW, "invitation " + other.invitationId()
                            + " of the same survey is planned for " + other.dueAt() + ", within its window "
                            + Durations.iso(surveyWindow));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean within(Instant a, Instant b, Duration window) {
        return Duration.between(a, b).abs().compareTo(window) < 0;
    }

    private static Optional<Verdict.Suppress> suppress(SuppressionReason reason, String detail) {
        return Optional.of(new Verdict.Suppress(reason, detail));
    }
}
