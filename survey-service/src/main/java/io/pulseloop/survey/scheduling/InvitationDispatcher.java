package io.pulseloop.survey.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.contacts.ContactDocument;
import io.pulseloop.survey.definitions.SurveyCatalog;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.email.InvitationEmailRenderer;
import io.pulseloop.survey.email.InvitationMailer;
import io.pulseloop.survey.email.RenderedEmail;
import io.pulseloop.survey.invitations.InvitationDocument;
import io.pulseloop.survey.invitations.InvitationEvents;
import io.pulseloop.survey.invitations.InvitationProperties;
import io.pulseloop.survey.invitations.InvitationStatus;
import io.pulseloop.survey.invitations.InvitationStore;
import io.pulseloop.survey.invitations.NextAction;
import io.pulseloop.survey.invitations.OutboxPublisher;
import io.pulseloop.survey.invitations.TokenSealer;
import io.pulseloop.survey.invitations.Tokens;
import io.pulseloop.survey.invitations.Transition;
import io.pulseloop.survey.policy.ContactPressurePolicy;
import io.pulseloop.survey.policy.Decision;
import io.pulseloop.survey.policy.DecisionKind;
import io.pulseloop.survey.policy.Durations;
import io.pulseloop.survey.policy.Rules;
import io.pulseloop.survey.policy.Verdict;

/**
 * Carries out claimed invitations' due steps: send (after re-checking the policy at send time and taking the
 * contact's fatigue slot), remind, expire. Emails of one batch go over one SMTP connection; a failed email stays
 * pending with exponential backoff, recorded as {@code DELAYED}/{@code SEND_FAILED}, and is never lost.
 */
@Component
class InvitationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(InvitationDispatcher.class);

    private final InvitationStore store;
    private final OutboxPublisher outbox;
    private final ContactDirectory contacts;
    private final SurveyCatalog catalog;
    private final ContactPressurePolicy policy;
    private final InvitationProperties invitations;
    private final SchedulingProperties scheduling;
    private final TokenSealer sealer;
    private final InvitationEmailRenderer renderer;
    private final InvitationMailer mailer;
    private final MeterRegistry meters;

    InvitationDispatcher(InvitationStore store, OutboxPublisher outbox, ContactDirectory contacts,
            SurveyCatalog catalog, ContactPressurePolicy policy, InvitationProperties invitations,
            SchedulingProperties scheduling, TokenSealer sealer, InvitationEmailRenderer renderer,
            InvitationMailer mailer, MeterRegistry meters) {
        this.store = store;
        this.outbox = outbox;
        this.contacts = contacts;
        this.catalog = catalog;
        this.policy = policy;
        this.invitations = invitations;
        this.scheduling = scheduling;
        this.sealer = sealer;
        this.renderer = renderer;
        this.mailer = mailer;
        this.meters = meters;
    }

    /** An email about to go out for a claimed invitation. */
    private record Send(InvitationDocument invitation, boolean reminder, String token, Instant expiresAt,
            String language, SurveyDefinition survey, InvitationMailer.Outgoing email) {
    }

    /** Does the due step of each claimed invitation. */
    void process(List<InvitationDocument> claimed, Instant now) {
        Set<String> contactIds = new LinkedHashSet<>();
        claimed.forEach(invitation -> contactIds.add(invitation.contactId()));
        Map<String, ContactDocument> known = contacts.findAll(contactIds);
        List<OutboxPublisher.Pending> published = new ArrayList<>();
        List<Send> sends = new ArrayList<>();
        for (InvitationDocument invitation : claimed) {
            ContactDocument contact = known.get(invitation.contactId());
            try {
                if (invitation.nextAction() == NextAction.SEND) {
                    prepareSend(invitation, contact, now, sends, published);
                }
                else if (invitation.nextAction() == NextAction.REMIND) {
                    prepareReminder(invitation, contact, now, sends, published);
                }
                else {
                    expire(invitation, now, published);
                }
            }
            catch (RuntimeException ex) {
                log.error("Could not process invitation {} ({}); its lease runs out and it is retried",
                        invitation.id(), invitation.nextAction(), ex);
            }
        }
        Map<String, String> failures = mailer.sendAll(sends.stream().map(Send::email).toList());
        for (Send send : sends) {
            String failure = failures.get(send.email().key());
            if (failure == null) {
                delivered(send, now, published);
            }
            else {
                failed(send, failure, now, published);
            }
        }
        outbox.publish(published);
    }

    private void prepareSend(InvitationDocument invitation, ContactDocument contact, Instant now, List<Send> sends,
            List<OutboxPublisher.Pending> published) {
        Optional<SurveyDefinition> current = catalog.current(invitation.surveyId());
        if (current.isEmpty() || !current.get().active()) {
            suppress(invitation, SuppressionReason.FILTERED_OUT, Rules.SURVEY_WITHDRAWN, "survey "
                    + invitation.surveyId() + " was deleted or disabled after the invitation was planned", now,
                    published);
            return;
        }
        SurveyDefinition survey = catalog.version(invitation.surveyId(), invitation.surveyVersion())
                .orElse(current.get());
        Verdict verdict = policy.decideSend(survey.rule(), ContactDirectory.facts(contact), invitation.id(), now);
        if (verdict instanceof Verdict.Proceed && !contacts.reserve(invitation.contactId(), invitation.id(),
                invitation.surveyId(), now, invitations.fatigueWindow(), survey.fatigueWindow())) {
            ContactDocument again = contacts.find(invitation.contactId()).orElse(null);
            verdict = policy.decideSend(survey.rule(), ContactDirectory.facts(again), invitation.id(), now);
            if (verdict instanceof Verdict.Proceed) {
                verdict = new Verdict.Suppress(SuppressionReason.FATIGUE_WINDOW, "another invitation took the "
                        + "contact's place in the window at the same moment");
            }
        }
        if (verdict instanceof Verdict.Suppress suppress) {
            suppress(invitation, suppress.reason(), suppress.reason().name(), suppress.detail(), now, published);
        }
        else if (verdict instanceof Verdict.Wait wait) {
            Transition transition = new Transition().next(NextAction.SEND, wait.until()).set("dueAt", wait.until())
                    .decide(new Decision(DecisionKind.DELAYED, SuppressionReason.QUIET_HOURS.name(), now,
                            wait.until(), wait.detail()))
                    .emit(InvitationEvents.scheduled(invitation, "delayed-" + wait.until().toEpochMilli(),
                            wait.until(), SuppressionReason.QUIET_HOURS, now));
            apply(invitation, transition, now, published);
        }
        else {
            String token = Tokens.issue();
            Instant expiresAt = now.plus(invitations.tokenLifetime());
            String language = InvitationEmailRenderer.languageFor(survey, contact.language());
            sends.add(send(invitation, false, token, expiresAt, language, survey, contact));
        }
    }

    private void prepareReminder(InvitationDocument invitation, ContactDocument contact, Instant now,
            List<Send> sends, List<OutboxPublisher.Pending> published) {
        if (invitation.expiresAt() == null || !now.isBefore(invitation.expiresAt())) {
            expire(invitation, now, published);
            return;
        }
        if (invitation.answeredAt() != null) {
            cancelReminder(invitation, Rules.RESPONDED, "the contact responded at " + invitation.answeredAt(), now,
                    published);
            return;
        }
        Verdict verdict = policy.decideReminder(ContactDirectory.facts(contact), now);
        if (verdict instanceof Verdict.Suppress suppress) {
            cancelReminder(invitation, suppress.reason().name(), suppress.detail(), now, published);
        }
        else if (verdict instanceof Verdict.Wait wait) {
            if (!wait.until().isBefore(invitation.expiresAt())) {
                cancelReminder(invitation, SuppressionReason.QUIET_HOURS.name(), "the next sending hours start "
                        + "after the link expires", now, published);
                return;
            }
            apply(invitation, new Transition().next(NextAction.REMIND, wait.until())
                    .decide(new Decision(DecisionKind.DELAYED, SuppressionReason.QUIET_HOURS.name(), now,
                            wait.until(), "reminder " + wait.detail())), now, published);
        }
        else {
            Optional<String> token = open(invitation.sealedToken());
            Optional<SurveyDefinition> survey = catalog.version(invitation.surveyId(), invitation.surveyVersion());
            if (token.isEmpty() || survey.isEmpty()) {
                cancelReminder(invitation, Rules.SEND_FAILED, "the invitation's link is no longer available for a "
                        + "reminder", now, published);
                return;
            }
            String language = (invitation.locale() == null) ? "en" : invitation.locale();
            sends.add(send(invitation, true, token.get(), invitation.expiresAt(), language, survey.get(), contact));
        }
    }

    private Send send(InvitationDocument invitation, boolean reminder, String token, Instant expiresAt,
            String language, SurveyDefinition survey, ContactDocument contact) {
        ZoneId zone = policy.settings().quietHours().zoneOf(contact.timeZone());
        RenderedEmail email = renderer.render(survey, language, token, expiresAt, zone, reminder);
        String kind = reminder ? "reminder" : "invitation";
        InvitationMailer.Outgoing outgoing = new InvitationMailer.Outgoing(invitation.id() + "/" + kind,
                contact.email(), email, invitation.id() + "." + kind + "@pulseloop", invitation.id());
        return new Send(invitation, reminder, token, expiresAt, language, survey, outgoing);
    }

    private void delivered(Send send, Instant now, List<OutboxPublisher.Pending> published) {
        InvitationDocument invitation = send.invitation();
        Transition transition;
        if (send.reminder()) {
            transition = new Transition().set("status", InvitationStatus.REMINDED).set("remindedAt", now)
                    .unset("sealedToken").set("attempts", 0).unset("firstAttemptAt").unset("lastError")
                    .next(NextAction.EXPIRE, invitation.expiresAt())
                    .decide(new Decision(DecisionKind.REMINDED, Rules.REMINDER, now, null, "no response after "
                            + Durations.iso(invitations.reminder().after()) + "; reminder sent in " + send.language()))
                    .emit(InvitationEvents.reminded(invitation, now));
            contacts.touch(invitation.contactId(), invitation.surveyId(), now);
        }
        else {
            String tokenHash = Tokens.hash(send.token());
            transition = new Transition().set("status", InvitationStatus.SENT).set("sentAt", now)
                    .set("tokenHash", tokenHash).set("expiresAt", send.expiresAt()).set("locale", send.language())
                    .set("attempts", 0).unset("firstAttemptAt").unset("lastError")
                    .decide(new Decision(DecisionKind.INVITED, Rules.ELIGIBLE, now, null, "email sent in "
                            + send.language() + "; the link is valid until " + send.expiresAt()))
                    .emit(InvitationEvents.sent(invitation, tokenHash, send.expiresAt(), send.language(),
                            send.survey(), now));
            Instant remindAt = now.plus(invitations.reminder().after());
            if (invitations.reminder().enabled() && remindAt.isBefore(send.expiresAt())) {
                transition.set("sealedToken", sealer.seal(send.token())).next(NextAction.REMIND, remindAt);
            }
            else {
                transition.next(NextAction.EXPIRE, send.expiresAt());
            }
        }
        if (!apply(invitation, transition, now, published)) {
            log.warn("Invitation {} was sent but its lease had run out; another replica may send it again",
                    invitation.id());
        }
        meters.counter("pulseloop.survey.emails.sent", "kind", send.reminder() ? "reminder" : "invitation")
                .increment();
    }

    private void failed(Send send, String failure, Instant now, List<OutboxPublisher.Pending> published) {
        InvitationDocument invitation = send.invitation();
        int attempts = invitation.attempts() + 1;
        Instant firstAttempt = (invitation.firstAttemptAt() == null) ? now : invitation.firstAttemptAt();
        Instant retryAt = now.plus(backoff(attempts));
        NextAction action = send.reminder() ? NextAction.REMIND : NextAction.SEND;
        boolean giveUp = send.reminder() ? !retryAt.isBefore(invitation.expiresAt())
                : !now.isBefore(firstAttempt.plus(scheduling.giveUpAfter()));
        log.warn("Sending {} of invitation {} failed (attempt {}): {}", action, invitation.id(), attempts, failure);
        Transition transition;
        if (giveUp && send.reminder()) {
            transition = new Transition().unset("sealedToken").next(NextAction.EXPIRE, invitation.expiresAt())
                    .decide(new Decision(DecisionKind.REMINDER_CANCELLED, Rules.SEND_FAILED, now, null,
                            attempts + " attempts failed before the link expires; last: " + failure));
        }
        else if (giveUp) {
            transition = new Transition().set("status", InvitationStatus.FAILED).set("attempts", attempts)
                    .set("lastError", failure).done()
                    .decide(new Decision(DecisionKind.FAILED, Rules.SEND_FAILED, now, null, "gave up after "
                            + attempts + " attempts since " + firstAttempt + "; last: " + failure));
            log.error("Gave up sending invitation {} after {} attempts", invitation.id(), attempts);
        }
        else {
            transition = new Transition().set("attempts", attempts).set("firstAttemptAt", firstAttempt)
                    .set("lastError", failure).next(action, retryAt)
                    .decide(new Decision(DecisionKind.DELAYED, Rules.SEND_FAILED, now, retryAt, "attempt "
                            + attempts + " failed (" + failure + "); retried at " + retryAt));
        }
        apply(invitation, transition, now, published);
    }

    private void expire(InvitationDocument invitation, Instant now, List<OutboxPublisher.Pending> published) {
        Instant validUntil = (invitation.expiresAt() == null) ? now : invitation.expiresAt();
        apply(invitation, new Transition().set("status", InvitationStatus.EXPIRED).set("expiredAt", now)
                .unset("sealedToken").done()
                .decide(new Decision(DecisionKind.EXPIRED, Rules.TOKEN_LIFETIME, now, null, "the link was valid "
                        + "until " + validUntil + (invitation.answeredAt() != null ? "; answered" : "; unanswered")))
                .emit(InvitationEvents.expired(invitation, now)), now, published);
    }

    private void suppress(InvitationDocument invitation, SuppressionReason reason, String rule, String detail,
            Instant now, List<OutboxPublisher.Pending> published) {
        apply(invitation, new Transition().set("status", InvitationStatus.SUPPRESSED).done()
                .decide(new Decision(DecisionKind.SUPPRESSED, rule, now, null, detail))
                .emit(InvitationEvents.suppressed(invitation, reason, detail, now)), now, published);
    }

    private void cancelReminder(InvitationDocument invitation, String rule, String detail, Instant now,
            List<OutboxPublisher.Pending> published) {
        apply(invitation, new Transition().unset("sealedToken").next(NextAction.EXPIRE, invitation.expiresAt())
                .decide(new Decision(DecisionKind.REMINDER_CANCELLED, rule, now, null, detail)), now, published);
    }

    private boolean apply(InvitationDocument invitation, Transition transition, Instant now,
            List<OutboxPublisher.Pending> published) {
        boolean applied = store.apply(invitation, transition, now);
        if (applied) {
            published.add(new OutboxPublisher.Pending(invitation.id(), invitation.contactId(), transition.events()));
            transition.decisions().forEach(decision -> meters.counter("pulseloop.survey.decisions", "decision",
                    decision.kind().name(), "rule", decision.rule()).increment());
        }
        return applied;
    }

    private Optional<String> open(String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(sealer.open(sealed));
        }
        catch (IllegalArgumentException ex) {
            log.warn("A reminder token could not be opened (was the sealing key changed?)");
            return Optional.empty();
        }
    }

    private Duration backoff(int attempts) {
        Duration backoff = scheduling.retryBackoff();
        for (int i = 1; i < attempts && backoff.compareTo(scheduling.maxRetryBackoff()) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return (backoff.compareTo(scheduling.maxRetryBackoff()) > 0) ? scheduling.maxRetryBackoff() : backoff;
    }
}
