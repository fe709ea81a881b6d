package io.pulseloop.closedloop.tasks.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.pulseloop.closedloop.tasks.domain.TaskChange.Kind;
import io.pulseloop.events.followup.TaskReason;

/**
 * All follow-up tasks of one contact, changed as one unit so that "one open task per contact and reason", the
 * contact's follow-up state and the outbox of changes always agree. Stored as one document keyed by contact id,
 * so every change is a single-document write.
 *
 * <p>Idempotent: an event id seen recently, or a score whose response revision is not newer than the one applied,
 * changes nothing; a change that does not apply (escalating an escalated task) changes nothing either.
 */
public class ContactFollowUps {

    /** How many recent event ids a contact remembers, for redeliveries that revision numbers cannot tell apart. */
    static final int REMEMBERED_EVENTS = 100;

    private String id;
    private long version;
    private List<FollowUpTask> tasks = new ArrayList<>();
    private Map<String, Integer> generations = new HashMap<>();
    private Map<String, Integer> responseRevisions = new HashMap<>();
    private List<String> recentEventIds = new ArrayList<>();
    private List<TaskChange> outbox = new ArrayList<>();
    private boolean dirty;
    private boolean erased;
    /** Whether this instance changed since it was loaded (not stored). */
    private transient boolean modified;

    /** For the persistence mapper. */
    public ContactFollowUps() {
    }

    public ContactFollowUps(String contactId) {
        this.id = contactId;
    }

    public String getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    /** Called by the store after a successful write. */
    public void setVersion(long version) {
        this.version = version;
    }

    public List<FollowUpTask> getTasks() {
        return List.copyOf(tasks);
    }

    /** Changes not yet published. */
    public List<TaskChange> getOutbox() {
        return List.copyOf(outbox);
    }

    /** Whether the aggregate changed since its tasks were last published and projected. */
    public boolean isDirty() {
        return dirty;
    }

    /** Whether this instance changed since it was loaded, so that it must be written. */
    public boolean isModified() {
        return modified;
    }

    public boolean isErased() {
        return erased;
    }

    public Optional<FollowUpTask> task(String taskId) {
        return tasks.stream().filter(t -> t.getId().equals(taskId)).findFirst();
    }

    public Optional<FollowUpTask> openTask(TaskReason reason) {
        return tasks.stream().filter(t -> t.getReason() == reason && t.isOpen()).findFirst();
    }

    public int openTasks() {
        return (int) tasks.stream().filter(FollowUpTask::isOpen).count();
    }

    /** Marketing pauses while a detractor or low-CSAT task is open (contract §8). */
    public boolean marketingPaused() {
        return tasks.stream().anyMatch(t -> t.isOpen()
                && (t.getReason() == TaskReason.DETRACTOR || t.getReason() == TaskReason.LOW_CSAT));
    }

    /**
     * Applies a score: opens a task when a rule says so, updates the open task of the same reason instead of opening
     * another, and cancels the task of a response whose revision left its band.
     */
    public List<TaskChange> applyScore(ScoreFacts score, FollowUpPolicy policy, Instant now) {
        if (erased || !firstTime(score.eventId())) {
            return List.of();
        }
        Integer applied = responseRevisions.get(score.responseId());
        if (applied != null && applied >= score.revision()) {
            return List.of();
        }
        responseRevisions.put(score.responseId(), score.revision());
        Optional<TaskReason> reason = policy.rules().reasonFor(score.metric(), score.score(), score.marketingConsent());
        List<TaskChange> changes = new ArrayList<>();
        // a revision that left the band ends the task its earlier answer opened
        for (FollowUpTask task : tasks) {
            if (task.isOpen() && score.responseId().equals(task.getResponseId())
                    && reason.map(r -> r != task.getReason()).orElse(true)) {
                task.close(TaskStatus.CANCELLED, now);
                task.touch(now);
                changes.add(change(Kind.CANCELLED, task, now, "system", null));
            }
        }
        if (reason.isPresent()) {
            Optional<FollowUpTask> open = openTask(reason.get());
            if (open.isPresent()) {
                FollowUpTask task = open.get();
                task.setScoreFacts(score);
                task.touch(now);
                changes.add(change(Kind.UPDATED, task, now, "system", null));
            } else {
                FollowUpTask task = newTask(reason.get(), now);
                task.setScoreFacts(score);
                task.setCorrelationId(score.correlationId());
                task.setAssigneeId(score.assigneeId());
                Priority priority = policy.rules().priorityOf(reason.get(), score.accountTier(), score.score());
                task.setPriority(priority);
                task.setDueAt(policy.due().dueAt(priority, now));
                changes.add(change(Kind.OPENED, task, now, "system", null));
            }
        }
        return record(changes);
    }

    /** Applies a churn-risk signal: opens a {@code CHURN_RISK} task unless one is open (which it then updates). */
    public List<TaskChange> applyChurnRisk(SignalFacts signal, FollowUpPolicy policy, Instant now) {
        if (erased || !firstTime(signal.eventId())) {
            return List.of();
        }
        Optional<FollowUpTask> open = openTask(TaskReason.CHURN_RISK);
        if (open.isPresent()) {
            open.get().setSignalFacts(signal);
            open.get().touch(now);
            return record(List.of(change(Kind.UPDATED, open.get(), now, "system", null)));
        }
        FollowUpTask task = newTask(TaskReason.CHURN_RISK, now);
        task.setSignalFacts(signal);
        task.setCorrelationId(signal.correlationId());
        task.setAssigneeId(signal.assigneeId());
        Priority priority = policy.rules().priorityOf(TaskReason.CHURN_RISK, signal.accountTier(), signal.score());
        task.setPriority(priority);
        task.setDueAt(policy.due().dueAt(priority, now));
        return record(List.of(change(Kind.OPENED, task, now, "system", null)));
    }

    /**
     * Logs an attempt to reach the contact. The first attempt moves the task to {@code IN_PROGRESS}; an unreached one
     * schedules the next attempt at the next working day's opening, or after {@code maxAttempts} unreached ones ends
     * the task as {@code UNREACHABLE}.
     *
     * @throws TaskNotFoundException  no such task
     * @throws TaskConflictException  the task is closed
     */
    public List<TaskChange> logAttempt(String taskId, String by, boolean reached, String note, FollowUpPolicy policy,
            Instant now) {
        FollowUpTask task = task(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        if (!task.isOpen()) {
            throw new TaskConflictException("Task " + taskId + " is " + task.getStatus() + ": no more attempts");
        }
        Attempt attempt = new Attempt(now, by, reached, note);
        task.addAttempt(attempt);
        task.touch(now);
        List<TaskChange> changes = new ArrayList<>();
        if (reached) {
            task.setStatus(TaskStatus.IN_PROGRESS);
            task.setNextAttemptAt(null);
            changes.add(change(Kind.ATTEMPTED, task, now, by, attempt));
        } else if (task.unreachedAttempts() >= policy.maxAttempts()) {
            task.close(TaskStatus.UNREACHABLE, now);
            changes.add(change(Kind.ATTEMPTED, task, now, by, attempt));
            changes.add(change(Kind.UNREACHABLE, task, now, by, null));
        } else {
            task.setStatus(TaskStatus.IN_PROGRESS);
            task.setNextAttemptAt(policy.calendar().openingOfNextWorkingDayAfter(now));
            changes.add(change(Kind.ATTEMPTED, task, now, by, attempt));
        }
        return record(changes);
    }

    /**
     * Resolves a task with a root cause from the configured list.
     *
     * @throws InvalidResolutionException the root cause is not in the list
     * @throws TaskConflictException      the task is already resolved or was cancelled
     */
    public List<TaskChange> resolve(String taskId, String by, String rootCause, String note, Boolean recovered,
            FollowUpPolicy policy, Instant now) {
        FollowUpTask task = task(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        if (rootCause == null || !policy.rootCauses().contains(rootCause)) {
            throw new InvalidResolutionException("rootCause",
                    "rootCause must be one of " + policy.rootCauses() + ", was " + rootCause);
        }
        if (task.getStatus() == TaskStatus.RESOLVED || task.getStatus() == TaskStatus.CANCELLED) {
            throw new TaskConflictException("Task " + taskId + " is already " + task.getStatus());
        }
        task.resolve(by, rootCause, note, recovered, now);
        task.touch(now);
        return record(List.of(change(Kind.RESOLVED, task, now, by, null)));
    }

    /**
     * Escalates an open task past its due time to the assignee's manager, once. A task without a manager to go to
     * (no assignee, or the assignee has none) is marked escalated without anyone to notify.
     */
    public List<TaskChange> escalate(String taskId, String managerId, Instant now) {
        FollowUpTask task = task(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        if (task.isEscalated() || !task.isOverdue(now)) {
            return List.of();
        }
        task.escalateTo(managerId, now);
        task.touch(now);
        return record(List.of(change(Kind.ESCALATED, task, now, "system", null)));
    }

    /** Reminds the assignee once per scheduled next attempt, when its time has come. */
    public List<TaskChange> remindIfDue(String taskId, Instant now) {
        FollowUpTask task = task(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        Instant next = task.getNextAttemptAt();
        if (!task.isOpen() || next == null || next.isAfter(now) || next.equals(task.getRemindedFor())) {
            return List.of();
        }
        task.setRemindedFor(next);
        return record(List.of(change(Kind.REMINDER_DUE, task, now, "system", null)));
    }

    /**
     * Erasure (contract §8.2): every task forgets the contact's name and comment, open ones end {@code CANCELLED};
     * scores, reasons and counts stay. Later events of the contact open nothing.
     */
    public List<TaskChange> erase(Instant now) {
        List<TaskChange> changes = new ArrayList<>();
        for (FollowUpTask task : tasks) {
            task.erasePersonalData();
            if (task.isOpen()) {
                task.close(TaskStatus.CANCELLED, now);
                task.touch(now);
                changes.add(change(Kind.CANCELLED, task, now, "system", null));
            }
        }
        erased = true;
        dirty = true;
        modified = true;
        return record(changes);
    }

    /** Called once the outbox's changes are published and the tasks projected. */
    public void markPublished() {
        outbox.clear();
        dirty = false;
    }

    /**
     * The open tasks whose time has come for escalation or a reminder at {@code now}.
     */
    public List<FollowUpTask> tasksNeedingAttention(Instant now) {
        return tasks.stream().filter(t -> t.isOpen() && (!t.isEscalated() && t.isOverdue(now)
                || t.getNextAttemptAt() != null && !t.getNextAttemptAt().isAfter(now)
                        && !t.getNextAttemptAt().equals(t.getRemindedFor())))
                .toList();
    }

    private FollowUpTask newTask(TaskReason reason, Instant now) {
        int generation = generations.merge(reason.name(), 1, Integer::sum);
        FollowUpTask task = new FollowUpTask(id, reason, generation, now);
        tasks.add(task);
        return task;
    }

    private boolean firstTime(String eventId) {
        if (eventId == null || recentEventIds.contains(eventId)) {
            return eventId == null;
        }
        recentEventIds.add(eventId);
        modified = true;
        if (recentEventIds.size() > REMEMBERED_EVENTS) {
            recentEventIds.remove(0);
        }
        return true;
    }

    private TaskChange change(Kind kind, FollowUpTask task, Instant at, String actor, Attempt attempt) {
        return new TaskChange(kind, task.nextEventId(), task.getId(), at, actor, attempt, 0, false);
    }

    /** Stamps the changes with the follow-up state after all of them and puts them in the outbox. */
    private List<TaskChange> record(List<TaskChange> changes) {
        if (changes.isEmpty()) {
            return changes;
        }
        int open = openTasks();
        boolean paused = marketingPaused();
        List<TaskChange> stamped = changes.stream().map(c -> new TaskChange(c.kind(), c.eventId(), c.taskId(), c.at(),
                c.actor(), c.attempt(), open, paused)).toList();
        outbox.addAll(stamped);
        dirty = true;
        modified = true;
        return stamped;
    }
}
