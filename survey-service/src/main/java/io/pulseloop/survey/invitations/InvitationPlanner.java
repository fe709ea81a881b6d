package io.pulseloop.survey.invitations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.contacts.ContactDocument;
import io.pulseloop.survey.contacts.PlannedSend;
import io.pulseloop.survey.definitions.SurveyCatalog;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.policy.ContactPressurePolicy;
import io.pulseloop.survey.policy.Decision;
import io.pulseloop.survey.policy.DecisionKind;
import io.pulseloop.survey.policy.Durations;
import io.pulseloop.survey.policy.PendingInvitation;
import io.pulseloop.survey.policy.Rules;
import io.pulseloop.survey.policy.SurveyRule;
import io.pulseloop.survey.policy.Verdict;

/**
 * Where a CRM event becomes an invitation (or a recorded reason why not): every active survey the trigger's type
 * triggers is decided by the {@link ContactPressurePolicy}, and the outcome is stored as one invitation document
 * with its decisions and its event ({@code InvitationScheduled} or {@code InvitationSuppressed}) in the same write.
 *
 * <p>Idempotent: an invitation's id is derived from the survey and the trigger's subject, so a redelivered or
 * repeated trigger finds the first decision and is recorded once as {@code DUPLICATE_TRIGGER} (with its own derived
 * id), never as a second invitation.
 *
 * <p>Publish first: the events of a batch are published (and acknowledged) before its invitations are stored; an
 * invitation whose events were not acknowledged is stored with them in its outbox, for the relay. If the service
 * dies in between, the trigger records are delivered again (their offsets were not committed), decided again and
 * published again under the same event ids, which consumers deduplicate.
 */
@Component
public class InvitationPlanner {

    private final SurveyCatalog catalog;
    private final ContactDirectory contacts;
    private final InvitationStore store;
    private final OutboxPublisher outbox;
    private final ContactPressurePolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;

    InvitationPlanner(SurveyCatalog catalog, ContactDirectory contacts, InvitationStore store, OutboxPublisher outbox,
            ContactPressurePolicy policy, Clock clock, MeterRegistry meters) {
        this.catalog = catalog;
        this.contacts = contacts;
        this.store = store;
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.meters = meters;
    }

    /** The invitation id of a survey and a trigger subject. */
    public static String invitationId(String surveyId, String subjectKey) {
        return "inv-" + UUID.nameUUIDFromBytes((surveyId + "|" + subjectKey).getBytes(StandardCharsets.UTF_8));
    }

    /** Decides CRM triggers, in order, against every active survey of their type. */
    public List<InvitationDocument> plan(List<Trigger> triggers) {
        List<SurveyDefinition> surveys = catalog.active();
        List<Candidate> candidates = new ArrayList<>();
        for (Trigger trigger : triggers) {
            for (SurveyDefinition survey : surveys) {
                if (survey.trigger() != null && survey.trigger().eventType().equals(trigger.eventType())) {
                    candidates.add(new Candidate(trigger, survey, survey.rule()));
                }
            }
        }
        return decide(candidates);
    }

    /** Decides contacts' places in a wave of a scheduled survey; the audience was selected already. */
    public List<InvitationDocument> planWave(SurveyDefinition survey, List<Trigger> places) {
        SurveyRule rule = new SurveyRule(survey.id(), Duration.ZERO, Map.of(), 1.0, survey.fatigueWindow());
        return decide(places.stream().map(place -> new Candidate(place, survey, rule)).toList());
    }

    private List<InvitationDocument> decide(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        long started = System.nanoTime();
        Set<String> contactIds = new LinkedHashSet<>();
        List<String> primaryIds = new ArrayList<>();
        for (Candidate candidate : candidates) {
            contactIds.add(candidate.trigger().contactId());
            primaryIds.add(invitationId(candidate.survey().id(), candidate.trigger().subjectKey()));
        }
        Map<String, ContactDocument> known = contacts.findAll(contactIds);
        Set<String> lookups = new LinkedHashSet<>(primaryIds);
        known.values().forEach(contact -> lookups.addAll(contact.plannedSends().keySet()));
        Map<String, InvitationDocument> found = store.findByIds(lookups);
        Map<String, InvitationDocument> decided = new HashMap<>();
        primaryIds.stream().filter(found::containsKey).forEach(id -> decided.put(id, found.get(id)));
        Map<String, List<PendingInvitation>> pending = pending(known.values(), found);
        long loaded = System.nanoTime();
        List<InvitationDocument> created = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            Trigger trigger = candidate.trigger();
            ContactDocument contact = known.get(trigger.contactId());
            String primary = primaryIds.get(i);
            InvitationDocument prior = decided.get(primary);
            InvitationDocument invitation;
            if (prior != null) {
                String duplicateId = invitationId(candidate.survey().id(),
                        trigger.subjectKey() + "|duplicate|" + trigger.eventId());
                if (decided.containsKey(duplicateId)) {
                    continue;
                }
                invitation = suppressed(duplicateId, candidate, contact, SuppressionReason.DUPLICATE_TRIGGER,
                        "trigger " + trigger.eventId() + " repeats " + trigger.subjectKey() + ", decided at "
                                + prior.createdAt() + " by trigger " + prior.triggerEventId() + " as invitation "
                                + primary + " (" + prior.status() + ")", now);
            }
            else {
                List<PendingInvitation> contactPending = pending.computeIfAbsent(trigger.contactId(),
                        id -> new ArrayList<>());
                Verdict verdict = policy.decideTrigger(candidate.rule(), trigger.facts(),
                        ContactDirectory.facts(contact), contactPending, now);
                if (verdict instanceof Verdict.Proceed proceed) {
                    invitation = scheduled(primary, candidate, contact, proceed, now);
                    contactPending.add(new PendingInvitation(primary, candidate.survey().id(), proceed.at()));
                }
                else if (verdict instanceof Verdict.Suppress suppress) {
                    invitation = suppressed(primary, candidate, contact, suppress.reason(), suppress.detail(), now);
                }
                else {
                    throw new IllegalStateException("a trigger is never told to wait: " + verdict);
                }
            }
            decided.put(invitation.id(), invitation);
            created.add(invitation);
        }
        long planned = System.nanoTime();
        // publish first; an invitation whose events the broker did not acknowledge keeps them in its outbox
        Map<String, List<String>> published = outbox.send(created.stream().map(invitation ->
                new OutboxPublisher.Pending(invitation.id(), invitation.contactId(), invitation.outbox())).toList());
        store.insertAll(created.stream().map(invitation -> published.containsKey(invitation.id())
                ? invitation.withoutOutbox() : invitation).toList());
        Map<String, Map<String, PlannedSend>> hints = new HashMap<>();
        created.stream().filter(invitation -> invitation.nextAction() == NextAction.SEND)
                .forEach(invitation -> hints.computeIfAbsent(invitation.contactId(), id -> new HashMap<>())
                        .put(invitation.id(), new PlannedSend(invitation.surveyId(), invitation.nextActionAt())));
        contacts.planned(hints);
        long stored = System.nanoTime();
        created.forEach(invitation -> invitation.decisions().forEach(decision -> meters.counter(
                "pulseloop.survey.decisions", "decision", decision.kind().name(), "rule", decision.rule())
                .increment()));
        phase("load", loaded - started);
        phase("decide", planned - loaded);
        phase("publish and store", stored - planned);
        return created;
    }

    private void phase(String name, long nanos) {
        meters.timer("pulseloop.survey.planning.phase", "phase", name).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The contacts' planned, unsent invitations: the hints on the contact documents, checked against the invitations
     * themselves (a hint whose invitation was sent, suppressed or withdrawn meanwhile is ignored and removed).
     */
    private Map<String, List<PendingInvitation>> pending(Collection<ContactDocument> known,
            Map<String, InvitationDocument> found) {
        Map<String, List<PendingInvitation>> pending = new HashMap<>();
        Map<String, List<String>> stale = new HashMap<>();
        for (ContactDocument contact : known) {
            for (String invitationId : contact.plannedSends().keySet()) {
                InvitationDocument invitation = found.get(invitationId);
                if (invitation != null && invitation.nextAction() == NextAction.SEND) {
                    pending.computeIfAbsent(contact.id(), id -> new ArrayList<>()).add(new PendingInvitation(
                            invitation.id(), invitation.surveyId(), invitation.nextActionAt()));
                }
                else {
                    stale.computeIfAbsent(contact.id(), id -> new ArrayList<>()).add(invitationId);
                }
            }
        }
        contacts.unplanned(stale);
        return pending;
    }

    private InvitationDocument scheduled(String id, Candidate candidate, ContactDocument contact,
            Verdict.Proceed proceed, Instant now) {
        Trigger trigger = candidate.trigger();
        Duration delay = (candidate.rule().delay() == null) ? Duration.ZERO
                : policy.effectiveDelay(candidate.rule().delay());
        List<Decision> decisions = new ArrayList<>();
        decisions.add(new Decision(DecisionKind.SCHEDULED, Rules.ELIGIBLE, now, proceed.at(),
                "eligible; " + trigger.eventType() + " + " + Durations.iso(delay) + (proceed.delayedByQuietHours() ? "" : ", due at "
                        + proceed.at())));
        if (proceed.delayedByQuietHours()) {
            decisions.add(new Decision(DecisionKind.DELAYED, SuppressionReason.QUIET_HOURS.name(), now, proceed.at(),
                    proceed.quietHoursDetail()));
        }
        InvitationDocument draft = document(id, candidate, contact, InvitationStatus.SCHEDULED, NextAction.SEND,
                proceed.at(), decisions, List.of(), now);
        InvitationEvent event = InvitationEvents.scheduled(draft, "scheduled", proceed.at(),
                proceed.delayedByQuietHours() ? SuppressionReason.QUIET_HOURS : null, now);
        return document(id, candidate, contact, InvitationStatus.SCHEDULED, NextAction.SEND, proceed.at(), decisions,
                List.of(InvitationEvents.entry(event)), now);
    }

    private InvitationDocument suppressed(String id, Candidate candidate, ContactDocument contact,
            SuppressionReason reason, String detail, Instant now) {
        List<Decision> decisions = List.of(new Decision(DecisionKind.SUPPRESSED, reason.name(), now, null, detail));
        InvitationDocument draft = document(id, candidate, contact, InvitationStatus.SUPPRESSED, null, null,
                decisions, List.of(), now);
        InvitationEvent event = InvitationEvents.suppressed(draft, reason, detail, now);
        return document(id, candidate, contact, InvitationStatus.SUPPRESSED, null, null, decisions,
                List.of(InvitationEvents.entry(event)), now);
    }

    private static InvitationDocument document(String id, Candidate candidate, ContactDocument contact,
            InvitationStatus status, NextAction next, Instant dueAt, List<Decision> decisions,
            List<OutboxEntry> events, Instant now) {
        Trigger trigger = candidate.trigger();
        SurveyDefinition survey = candidate.survey();
        return new InvitationDocument(id, trigger.contactId(), survey.id(), survey.version(), survey.metric(),
                trigger.subjectKey(), trigger.eventId(), trigger.eventType(), trigger.correlationId(), status, now,
                dueAt, next, dueAt, null, null, 0, null, null, context(trigger, contact), null, null, null, null,
                null, null, null, decisions, events, events.isEmpty() ? null : new InvitationDocument.OutboxLease(
                        InvitationStore.WRITER, now.plus(InvitationStore.OUTBOX_HANDOVER), 1L));
    }

    /** The snapshot of who is surveyed about what, carried unchanged by every later event of the invitation. */
    static SurveyContext context(Trigger trigger, ContactDocument contact) {
        boolean present = contact != null && !contact.erased();
        String ownerId = (present && contact.ownerId() != null) ? contact.ownerId() : trigger.ownerId();
        return new SurveyContext(
                present ? contact.accountId() : null,
                present ? contact.accountName() : null,
                present ? contact.accountTier() : null,
                present ? contact.customerStatus() : null,
                present ? contact.region() : null,
                present ? contact.branch() : null,
                ownerId,
                trigger.eventType(),
                trigger.eventId(),
                trigger.ticketId(),
                trigger.ticketType(),
                trigger.technicianId(),
                trigger.dealId(),
                trigger.product(),
                trigger.amount(),
                trigger.currency());
    }

    private record Candidate(Trigger trigger, SurveyDefinition survey, SurveyRule rule) {
    }
}
