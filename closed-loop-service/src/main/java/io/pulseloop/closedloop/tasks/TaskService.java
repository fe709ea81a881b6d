package io.pulseloop.closedloop.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;

import io.pulseloop.closedloop.alerts.Alerts;
import io.pulseloop.closedloop.contacts.Contact;
import io.pulseloop.closedloop.contacts.ContactDirectory;
import io.pulseloop.closedloop.owners.OwnerDirectory;
import io.pulseloop.closedloop.tasks.domain.ContactFollowUps;
import io.pulseloop.closedloop.tasks.domain.FollowUpPolicy;
import io.pulseloop.closedloop.tasks.domain.FollowUpTask;
import io.pulseloop.closedloop.tasks.domain.ScoreFacts;
import io.pulseloop.closedloop.tasks.domain.SignalFacts;
import io.pulseloop.closedloop.tasks.domain.TaskChange;
import io.pulseloop.closedloop.tasks.domain.TaskNotFoundException;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.survey.SurveyContext;

/**
 * What happens to follow-up tasks, from events and from staff: every change goes through {@link TaskStore#mutate}
 * (one atomic write with its outbox) and is then handed to the {@link TaskOutboxRelay} at once.
 */
@Service
public class TaskService {

    private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);

    private final TaskStore store;
    private final TaskViews views;
    private final TaskOutboxRelay relay;
    private final ContactDirectory contacts;
    private final OwnerDirectory owners;
    private final Alerts alerts;
    private final FollowUpPolicy policy;
    private final Duration ownerWait;
    private final Clock clock;
    private final MeterRegistry meters;

    TaskService(TaskStore store, TaskViews views, TaskOutboxRelay relay, ContactDirectory contacts,
            OwnerDirectory owners, Alerts alerts, FollowUpProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.views = views;
        this.relay = relay;
        this.contacts = contacts;
        this.owners = owners;
        this.alerts = alerts;
        this.policy = properties.policy();
        this.ownerWait = properties.ownerWait();
        this.clock = clock;
        this.meters = meters;
    }

    public FollowUpPolicy policy() {
        return policy;
    }

    public List<String> rootCauses() {
        return policy.rootCauses();
    }

    void onScore(ScoreRecorded score) {
        Optional<Contact> contact = contacts.find(score.contactId());
        if (contact.map(Contact::erased).orElse(false)) {
            return;
        }
        SurveyContext context = score.context();
        String assignee = context != null && context.ownerId() != null ? context.ownerId()
                : contact.map(Contact::ownerId).orElse(null);
        ScoreFacts facts = new ScoreFacts(score.eventId(), score.occurredAt(), score.correlationId(),
                score.responseId(), score.revision(), score.surveyId(), score.metric(), score.score(), score.comment(),
                score.locale() != null ? score.locale() : contact.map(Contact::locale).orElse(null),
                context != null && context.accountId() != null ? context.accountId()
                        : contact.map(Contact::accountId).orElse(null),
                context != null && context.accountName() != null ? context.accountName()
                        : contact.map(Contact::accountName).orElse(null),
                context != null && context.accountTier() != null ? context.accountTier()
                        : contact.map(Contact::accountTier).orElse(null),
                assignee, context == null ? null : context.ticketType(),
                context == null ? null : context.technicianId(),
                contact.map(Contact::displayName).orElse(null),
                contact.map(Contact::agreedToMarketing).orElse(false));
        apply(score.contactId(), followUps -> followUps.applyScore(facts, policy, clock.instant()));
    }

    void onChurnRisk(ChurnRiskDetected signal) {
        Optional<Contact> contact = contacts.find(signal.contactId());
        if (contact.map(Contact::erased).orElse(false)) {
            return;
        }
        String assignee = signal.ownerId() != null ? signal.ownerId() : contact.map(Contact::ownerId).orElse(null);
        SignalFacts facts = new SignalFacts(signal.eventId(), signal.occurredAt(), signal.correlationId(),
                signal.accountId(), contact.map(Contact::accountName).orElse(null),
                contact.map(Contact::accountTier).orElse(null), assignee, signal.latestScore(), signal.explanation(),
                contact.map(Contact::displayName).orElse(null), contact.map(Contact::locale).orElse(null));
        apply(signal.contactId(), followUps -> followUps.applyChurnRisk(facts, policy, clock.instant()));
    }

    /** Erasure (contract §8.2): names and comments leave every task, open tasks end {@code CANCELLED}. */
    void onContactErased(ContactErased erased) {
        contacts.erase(erased);
        apply(erased.contactId(), followUps -> followUps.erase(clock.instant()));
        alerts.forgetContact(erased.contactId());
    }

    /** The task as it is now, read from its contact's aggregate. */
    public Optional<FollowUpTask> find(String taskId) {
        String contactId = FollowUpTask.contactIdOf(taskId);
        if (contactId == null) {
            return Optional.empty();
        }
        return store.load(contactId).flatMap(followUps -> followUps.task(taskId));
    }

    public Page<FollowUpTask> list(TaskQuery query) {
        return views.list(query);
    }

    public FollowUpTask logAttempt(String taskId, String by, boolean reached, String note) {
        String contactId = contactOf(taskId);
        List<TaskChange> changes = apply(contactId,
                followUps -> followUps.logAttempt(taskId, by, reached, note, policy, clock.instant()));
        if (changes.stream().anyMatch(c -> c.kind() == TaskChange.Kind.UNREACHABLE)) {
            meters.counter("pulseloop.closed-loop.tasks.unreachable").increment();
        }
        return find(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
    }

    public FollowUpTask resolve(String taskId, String by, String rootCause, String note, Boolean recovered) {
        String contactId = contactOf(taskId);
        apply(contactId, followUps -> followUps.resolve(taskId, by, rootCause, note, recovered, policy,
                clock.instant()));
        return find(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
    }

    /**
     * Escalates overdue tasks and sends due reminders. Safe with any number of replicas: each change is a
     * compare-and-set on the contact's document, and the rules change nothing the second time.
     *
     * <p>An escalation goes to the manager named by the assignee's owner record. Owners and scores arrive on
     * different topics in no order, so a task can fall due before its assignee's record is there (a new owner, or
     * {@code crm.owners.v1} behind): it then waits for the record, up to {@code owner-wait} past its due time, rather
     * than escalate to nobody.
     */
    void processDue() {
        Instant now = clock.instant();
        for (FollowUpTask seen : views.needingAttention(now, 500)) {
            try {
                if (!seen.isEscalated() && seen.isOverdue(now)) {
                    String manager = seen.getAssigneeId() == null ? null
                            : owners.managerOf(seen.getAssigneeId()).orElse(null);
                    // no manager: the owner has none, or its record has not come yet (then wait for it a while)
                    if (manager != null || !waitingForOwner(seen, now)) {
                        escalate(seen, manager, now);
                    }
                }
                if (seen.getNextAttemptAt() != null && !seen.getNextAttemptAt().equals(seen.getRemindedFor())) {
                    apply(seen.getContactId(), followUps -> followUps.remindIfDue(seen.getId(), now));
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not process due task {}: {}", seen.getId(), e.toString());
            }
        }
    }

    private void escalate(FollowUpTask task, String manager, Instant now) {
        List<TaskChange> changes = apply(task.getContactId(),
                followUps -> followUps.escalate(task.getId(), manager, now));
        if (!changes.isEmpty()) {
            meters.counter("pulseloop.closed-loop.tasks.escalated").increment();
            if (manager == null) {
                LOG.info("Task {} escalated with no manager to notify (assignee {})", task.getId(),
                        task.getAssigneeId());
            }
        }
    }

    private boolean waitingForOwner(FollowUpTask task, Instant now) {
        String assignee = task.getAssigneeId();
        if (assignee == null || owners.isKnown(assignee)) {
            return false;
        }
        boolean waiting = now.isBefore(task.getDueAt().plus(ownerWait));
        if (waiting) {
            LOG.debug("Task {} is due; its escalation waits for the record of owner {}", task.getId(), assignee);
        }
        return waiting;
    }

    private List<TaskChange> apply(String contactId,
            java.util.function.Function<ContactFollowUps, List<TaskChange>> change) {
        List<TaskChange> changes = store.mutate(contactId, change);
        for (TaskChange opened : changes) {
            if (opened.kind() == TaskChange.Kind.OPENED) {
                meters.counter("pulseloop.closed-loop.tasks.opened").increment();
            }
        }
        if (!changes.isEmpty()) {
            try {
                relay.flush(contactId);
            } catch (RuntimeException e) {
                // the change is durable in the outbox; the sweep publishes it when the broker is back
                LOG.warn("Publishing the changes of contact {} deferred: {}", contactId, e.toString());
            }
        }
        return changes;
    }

    private static String contactOf(String taskId) {
        String contactId = FollowUpTask.contactIdOf(taskId);
        if (contactId == null) {
            throw new TaskNotFoundException(taskId);
        }
        return contactId;
    }
}
