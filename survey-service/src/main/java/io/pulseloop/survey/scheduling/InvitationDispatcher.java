package io.pulseloop.survey.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.contacts.ContactDocument;
import io.pulseloop.survey.contacts.PlannedSend;
import io.pulseloop.survey.definitions.SurveyCatalog;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.email.InvitationEmailRenderer;
import io.pulseloop.survey.email.InvitationMailer;
import io.pulseloop.survey.email.RenderedEmail;
import io.pulseloop.survey.invitations.InvitationDocument;
import io.pulseloop.survey.invitations.InvitationEvents;
import io.pulseloop.survey.invitations.InvitationProperties;
import io.pulseloop.survey.invitations.InvitationStateMachine;
import io.pulseloop.survey.invitations.InvitationStep;
import io.pulseloop.survey.invitations.InvitationStore;
import io.pulseloop.survey.invitations.NextAction;
import io.pulseloop.survey.invitations.OutboxPublisher;
import io.pulseloop.survey.invitations.TokenSealer;
import io.pulseloop.survey.invitations.Tokens;
import io.pulseloop.survey.policy.ContactPressurePolicy;
import io.pulseloop.survey.policy.Rules;
import io.pulseloop.survey.policy.Verdict;

/**
 * Carries out claimed invitations' due steps — orchestration only: it gathers the contacts and surveys, asks the
 * policy (send time, reminder) and the contact directory (fatigue slot), publishes the tokens, hands the emails to the
 * mailer, and asks {@link InvitationStateMachine} what each outcome makes of the invitation; the store writes the
 * steps. A batch costs a fixed number of database round trips plus one id-keyed write per invitation.
 *
 * <p>Each email the relay accepts is recorded by id before its SMTP connection starts another, so a crash re-sends at
 * most one email per connection; no email is started after a deadline well inside the lease (those are given back
 * untouched). A failed email stays pending with exponential backoff, recorded as {@code DELAYED}/{@code SEND_FAILED},
 * and is never lost.
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
    private final InvitationStateMachine machine;

    InvitationDispatcher(InvitationStore store, OutboxPublisher outbox, ContactDirectory contacts,
            SurveyCatalog catalog, ContactPressurePolicy policy, InvitationProperties invitations,
            SchedulingProperties scheduling, TokenSealer sealer, InvitationEmailRenderer renderer,
            InvitationMailer mailer, MeterRegistry meters, InvitationStateMachine machine) {
        this.machine = machine;
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

    /** Does the due step of each invitation claimed at {@code now}; no email starts after 3/4 of the lease. */
    void process(List<InvitationDocument> claimed, Instant now) {
        long started = System.nanoTime();
        Set<String> contactIds = new LinkedHashSet<>();
        claimed.forEach(invitation -> contactIds.add(invitation.contactId()));
        Map<String, ContactDocument> known = contacts.findAll(contactIds);
        Map<String, SurveyDefinition> surveys = new HashMap<>();
        catalog.list().forEach(survey -> surveys.put(survey.id(), survey));
        Batch batch = new Batch();
        List<Send> sends = new ArrayList<>();
        List<Eligible> eligible = new ArrayList<>();
        Hints hints = new Hints();
        for (InvitationDocument invitation : claimed) {
            ContactDocument contact = known.get(invitation.contactId());
            try {
                if (invitation.nextAction() == NextAction.SEND) {
                    prepareSend(invitation, contact, Optional.ofNullable(surveys.get(invitation.surveyId())), now,
                            eligible, batch, hints);
                }
                else if (invitation.nextAction() == NextAction.REMIND) {
                    prepareReminder(invitation, contact, now, sends, batch);
                }
                else {
                    apply(invitation, machine.expired(invitation, now), batch);
                }
            }
            catch (RuntimeException ex) {
                log.error("Could not process invitation {} ({}); its lease runs out and it is retried",
                        invitation.id(), invitation.nextAction(), ex);
            }
        }
        reserveSlots(eligible, now, sends, batch, hints);
        long prepared = System.nanoTime();
        Instant deadline = now.plus(scheduling.lease()).minus(scheduling.lease().dividedBy(4));
        Set<String> issued = issueTokens(sends, now);
        List<Send> ready = sends.stream().filter(send -> send.reminder() || issued.contains(send.invitation().id()))
                .toList();
        Map<String, Send> byKey = new HashMap<>();
        ready.forEach(send -> byKey.put(send.email().key(), send));
        // each accepted email is recorded at once, by id, before its connection sends another: a crash can leave at
        // most one accepted-but-unrecorded email per connection, which is all that is sent twice after the lease
        Queue<OutboxPublisher.Pending> recorded = new ConcurrentLinkedQueue<>();
        InvitationMailer.Outcome outcome = mailer.sendAll(ready.stream().map(Send::email).toList(), deadline,
                email -> {
                    Send send = byKey.get(email.key());
                    InvitationStep step = delivered(send, now);
                    store.apply(send.invitation(), step, now);
                    recorded.add(pending(send.invitation(), step));
                    counted(send, step);
                });
        long mailed = System.nanoTime();
        List<InvitationDocument> untouched = new ArrayList<>();
        for (Send send : sends) {
            String key = send.email().key();
            if (!byKey.containsKey(key) || outcome.notAttempted().contains(key)) {
                untouched.add(send.invitation());
            }
            else if (outcome.failures().containsKey(key)) {
                failed(send, outcome.failures().get(key), now, batch);
            }
            else if (outcome.unrecorded().contains(key)) {
                InvitationStep step = delivered(send, now);
                apply(send.invitation(), step, batch);
                counted(send, step);
            }
        }
        batch.published.addAll(recorded);
        // the outcome is written before the claims end, so no replica can take a step that is already done
        store.applyAll(batch.steps, now);
        if (!untouched.isEmpty()) {
            log.warn("{} emails were not attempted before the lease deadline; they are given back for the next tick",
                    untouched.size());
            store.release(untouched);
        }
        List<InvitationDocument> finished = new ArrayList<>(claimed);
        finished.removeAll(untouched);
        store.finish(finished);
        contacts.planned(hints.planned);
        contacts.unplanned(hints.unplanned);
        long completed = System.nanoTime();
        outbox.publish(batch.published);
        long done = System.nanoTime();
        phase("prepare", prepared - started);
        phase("smtp", mailed - prepared);
        phase("complete", completed - mailed);
        phase("publish", done - completed);
    }

    private void phase(String name, long nanos) {
        meters.timer("pulseloop.survey.scheduling.phase", "phase", name).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The outcome of one batch: its steps, written in one bulk write, and the events to publish afterwards. */
    private static final class Batch {

        private final List<InvitationStore.Step> steps = new ArrayList<>();
        private final List<OutboxPublisher.Pending> published = new ArrayList<>();
    }

    /** Changes to the contacts' planned-send hints, written once per batch. */
    private static final class Hints {

        private final Map<String, Map<String, PlannedSend>> planned = new HashMap<>();
        private final Map<String, List<String>> unplanned = new HashMap<>();

        void replan(InvitationDocument invitation, Instant dueAt) {
            planned.computeIfAbsent(invitation.contactId(), id -> new HashMap<>()).put(invitation.id(),
                    new PlannedSend(invitation.surveyId(), dueAt));
        }

        void unplan(InvitationDocument invitation) {
            unplanned.computeIfAbsent(invitation.contactId(), id -> new ArrayList<>()).add(invitation.id());
        }
    }

    /** A planned send that passed the policy at send time and now needs its contact's fatigue slot. */
    private record Eligible(InvitationDocument invitation, SurveyDefinition survey, ContactDocument contact) {
    }

    private void prepareSend(InvitationDocument invitation, ContactDocument contact,
            Optional<SurveyDefinition> current, Instant now, List<Eligible> eligible,
            Batch batch, Hints hints) {
        if (current.isEmpty() || !current.get().active()) {
            hints.unplan(invitation);
            apply(invitation, machine.suppressed(invitation, SuppressionReason.SURVEY_WITHDRAWN,
                    Rules.SURVEY_WITHDRAWN, "survey " + invitation.surveyId() + " was deleted or disabled after the "
                            + "invitation was planned", now), batch);
            return;
        }
        SurveyDefinition survey = catalog.version(invitation.surveyId(), invitation.surveyVersion())
                .orElse(current.get());
        Verdict verdict = policy.decideSend(survey.rule(), ContactDirectory.facts(contact), invitation.id(), now);
        if (verdict instanceof Verdict.Proceed) {
            eligible.add(new Eligible(invitation, survey, contact));
        }
        else {
            decline(invitation, verdict, now, batch, hints);
        }
    }

    /**
     * Takes the fatigue slots of all eligible sends of the batch at once; a send that does not get its slot is
     * decided again against the contact as it is now (erased, opted out, or invited by someone else meanwhile).
     */
    private void reserveSlots(List<Eligible> eligible, Instant now, List<Send> sends,
            Batch batch, Hints hints) {
        if (eligible.isEmpty()) {
            return;
        }
        Set<String> reserved = contacts.reserve(eligible.stream().map(candidate -> new ContactDirectory.SlotRequest(
                candidate.contact().id(), candidate.invitation().id(), candidate.invitation().surveyId(),
                candidate.survey().fatigueWindow())).toList(), now);
        Set<String> refused = new LinkedHashSet<>();
        eligible.stream().filter(candidate -> !reserved.contains(candidate.invitation().id()))
                .forEach(candidate -> refused.add(candidate.contact().id()));
        Map<String, ContactDocument> current = refused.isEmpty() ? Map.of() : contacts.findAll(refused);
        for (Eligible candidate : eligible) {
            InvitationDocument invitation = candidate.invitation();
            if (reserved.contains(invitation.id())) {
                String token = Tokens.issue();
                Instant expiresAt = now.plus(invitations.tokenLifetime());
                String language = InvitationEmailRenderer.languageFor(candidate.survey(),
                        candidate.contact().language());
                sends.add(send(invitation, false, token, expiresAt, language, candidate.survey(),
                        candidate.contact()));
                continue;
            }
            Verdict verdict = policy.decideSend(candidate.survey().rule(),
                    ContactDirectory.facts(current.get(invitation.contactId())), invitation.id(), now);
            if (verdict instanceof Verdict.Proceed) {
                verdict = new Verdict.Suppress(SuppressionReason.FATIGUE_WINDOW, "another invitation took the "
                        + "contact's place in the window at the same moment");
            }
            decline(invitation, verdict, now, batch, hints);
        }
    }

    /** A due send that does not go out now: suppressed for good, or waiting for the sending hours. */
    private void decline(InvitationDocument invitation, Verdict verdict, Instant now,
            Batch batch, Hints hints) {
        machine.beforeSend(invitation, verdict, now).ifPresent(step -> {
            if (step instanceof InvitationStep.Delayed delayed) {
                hints.replan(invitation, delayed.until());
            }
            else {
                hints.unplan(invitation);
            }
            apply(invitation, step, batch);
        });
    }

    private void prepareReminder(InvitationDocument invitation, ContactDocument contact, Instant now,
            List<Send> sends, Batch batch) {
        Optional<String> token = open(invitation.sealedToken());
        Optional<SurveyDefinition> survey = catalog.version(invitation.surveyId(), invitation.surveyVersion());
        Optional<InvitationStep> instead = machine.beforeReminder(invitation,
                policy.decideReminder(ContactDirectory.facts(contact), now), token.isPresent() && survey.isPresent(),
                now);
        if (instead.isPresent()) {
            apply(invitation, instead.get(), batch);
            return;
        }
        String language = (invitation.locale() == null) ? "en" : invitation.locale();
        sends.add(send(invitation, true, token.get(), invitation.expiresAt(), language, survey.get(), contact));
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

    /**
     * Publishes each new invitation's token ({@code InvitationIssued}) and waits for the broker before its email
     * leaves, so response-service knows the link by the time anyone can click it. A send whose token the broker did
     * not take is not attempted now and is given back for the next tick.
     *
     * @return the ids of the invitations whose tokens the broker acknowledged
     */
    private Set<String> issueTokens(List<Send> sends, Instant now) {
        List<OutboxPublisher.Pending> tokens = new ArrayList<>();
        for (Send send : sends) {
            if (!send.reminder()) {
                InvitationDocument invitation = send.invitation();
                tokens.add(new OutboxPublisher.Pending(invitation.id(), invitation.contactId(),
                        List.of(InvitationEvents.entry(InvitationEvents.issued(invitation, Tokens.hash(send.token()),
                                send.expiresAt(), send.language(), send.survey(), now)))));
            }
        }
        return tokens.isEmpty() ? Set.of() : outbox.send(tokens).keySet();
    }

    /** The step of an email the relay accepted; a reminder also moves the contact's fatigue slot. */
    private InvitationStep delivered(Send send, Instant now) {
        InvitationDocument invitation = send.invitation();
        if (send.reminder()) {
            contacts.touch(invitation.contactId(), invitation.surveyId(), now);
            return machine.reminded(invitation, send.language(), now);
        }
        return machine.delivered(invitation, Tokens.hash(send.token()), sealer.seal(send.token()), send.expiresAt(),
                send.language(), send.survey(), now);
    }

    private void counted(Send send, InvitationStep step) {
        meters.counter("pulseloop.survey.emails.sent", "kind", send.reminder() ? "reminder" : "invitation")
                .increment();
        decided(step);
    }

    private void decided(InvitationStep step) {
        meters.counter("pulseloop.survey.decisions", "decision", step.decision().kind().name(), "rule",
                step.decision().rule()).increment();
    }

    private void failed(Send send, String failure, Instant now, Batch batch) {
        InvitationDocument invitation = send.invitation();
        log.warn("Sending {} of invitation {} failed (attempt {}): {}", send.reminder() ? "reminder" : "invitation",
                invitation.id(), invitation.attempts() + 1, failure);
        InvitationStep step = machine.failed(invitation, send.reminder(), failure, now);
        if (step instanceof InvitationStep.GaveUp) {
            log.error("Gave up sending invitation {} after {} attempts", invitation.id(), invitation.attempts() + 1);
        }
        apply(invitation, step, batch);
    }

    /** Queues a step; {@link #process} writes all steps of a batch in one bulk write, then publishes. */
    private void apply(InvitationDocument invitation, InvitationStep step, Batch batch) {
        batch.steps.add(new InvitationStore.Step(invitation, step));
        batch.published.add(pending(invitation, step));
        decided(step);
    }

    private static OutboxPublisher.Pending pending(InvitationDocument invitation, InvitationStep step) {
        return new OutboxPublisher.Pending(invitation.id(), invitation.contactId(),
                step.events().stream().map(InvitationEvents::entry).toList());
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
}
