package io.pulseloop.closedloop.tasks.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.survey.Metric;

/**
 * One follow-up task. Changed only through {@link ContactFollowUps}, which keeps the rules; the id is
 * {@code contactId:reason:generation}, so a contact has at most one open task per reason and the id says whose
 * aggregate holds it.
 */
public class FollowUpTask {

    private String id;
    private String contactId;
    private TaskReason reason;
    private int generation;
    private TaskStatus status;
    private Priority priority;
    private String assigneeId;
    private Instant dueAt;
    private Integer score;
    private String comment;
    private String surveyId;
    private String responseId;
    private int responseRevision;
    private Metric metric;
    private String accountId;
    private String accountName;
    private AccountTier accountTier;
    private String contactName;
    private String ticketType;
    private String technicianId;
    private String locale;
    private String explanation;
    private String correlationId;
    private Instant createdAt;
    private Instant updatedAt;
    private List<Attempt> attempts = new ArrayList<>();
    private Instant nextAttemptAt;
    private Instant remindedFor;
    private boolean escalated;
    private String escalatedToId;
    private Instant escalatedAt;
    private String rootCause;
    private String resolutionNote;
    private Boolean recovered;
    private String resolvedBy;
    private Instant resolvedAt;
    private Instant closedAt;
    private int changes;

    /** For the persistence mapper. */
    public FollowUpTask() {
    }

    static String idOf(String contactId, TaskReason reason, int generation) {
        return contactId + ":" + reason + ":" + generation;
    }

    /**
     * The contact whose aggregate holds a task, read from the task id.
     *
     * @return empty-string-free contact id, or {@code null} if the id is not a task id
     */
    public static String contactIdOf(String taskId) {
        if (taskId == null) {
            return null;
        }
        int last = taskId.lastIndexOf(':');
        int reasonStart = last > 0 ? taskId.lastIndexOf(':', last - 1) : -1;
        return reasonStart > 0 ? taskId.substring(0, reasonStart) : null;
    }

    FollowUpTask(String contactId, TaskReason reason, int generation, Instant at) {
        this.id = idOf(contactId, reason, generation);
        this.contactId = contactId;
        this.reason = reason;
        this.generation = generation;
        this.status = TaskStatus.OPEN;
        this.createdAt = at;
        this.updatedAt = at;
    }

    String nextEventId() {
        changes++;
        return id + "#" + changes;
    }

    /** Unreached attempts so far. */
    public long unreachedAttempts() {
        return attempts.stream().filter(a -> !a.reached()).count();
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    /** Whether the task's due time has passed at {@code now} while it is still open. */
    public boolean isOverdue(Instant now) {
        return isOpen() && dueAt != null && !dueAt.isAfter(now);
    }

    void setScoreFacts(ScoreFacts facts) {
        this.score = facts.score();
        this.comment = facts.comment();
        this.surveyId = facts.surveyId();
        this.responseId = facts.responseId();
        this.responseRevision = facts.revision();
        this.metric = facts.metric();
        if (facts.accountId() != null) {
            this.accountId = facts.accountId();
            this.accountName = facts.accountName();
            this.accountTier = facts.accountTier();
        }
        if (facts.ticketType() != null || facts.technicianId() != null) {
            this.ticketType = facts.ticketType();
            this.technicianId = facts.technicianId();
        }
        if (facts.contactName() != null) {
            this.contactName = facts.contactName();
        }
        if (facts.locale() != null) {
            this.locale = facts.locale();
        }
    }

    void setSignalFacts(SignalFacts facts) {
        this.score = facts.score();
        this.metric = facts.score() == null ? null : Metric.NPS;
        this.accountId = facts.accountId();
        this.accountName = facts.accountName();
        this.accountTier = facts.accountTier();
        this.explanation = facts.explanation();
        this.contactName = facts.contactName();
        this.locale = facts.locale();
    }

    void setStatus(TaskStatus status) {
        this.status = status;
    }

    void setPriority(Priority priority) {
        this.priority = priority;
    }

    void setAssigneeId(String assigneeId) {
        this.assigneeId = assigneeId;
    }

    void setDueAt(Instant dueAt) {
        this.dueAt = dueAt;
    }

    void setCorrelationId(String correlationId) {
        this.correlationId = correlationId;
    }

    void touch(Instant at) {
        this.updatedAt = at;
    }

    void addAttempt(Attempt attempt) {
        this.attempts.add(attempt);
    }

    void setNextAttemptAt(Instant nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    void setRemindedFor(Instant remindedFor) {
        this.remindedFor = remindedFor;
    }

    void escalateTo(String managerId, Instant at) {
        this.escalated = true;
        this.escalatedToId = managerId;
        this.escalatedAt = at;
    }

    void resolve(String by, String rootCause, String note, Boolean recovered, Instant at) {
        this.status = TaskStatus.RESOLVED;
        this.resolvedBy = by;
        this.rootCause = rootCause;
        this.resolutionNote = note;
        this.recovered = recovered;
        this.resolvedAt = at;
        this.closedAt = at;
        this.nextAttemptAt = null;
    }

    void close(TaskStatus finalStatus, Instant at) {
        this.status = finalStatus;
        this.closedAt = at;
        this.nextAttemptAt = null;
    }

    /** Removes the contact's personal data: name, comment and the notes staff wrote about the conversation. */
    void erasePersonalData() {
        this.contactName = null;
        this.comment = null;
        this.explanation = null;
        this.resolutionNote = null;
        List<Attempt> anonymous = new ArrayList<>();
        for (Attempt attempt : attempts) {
            anonymous.add(new Attempt(attempt.at(), attempt.by(), attempt.reached(), null));
        }
        this.attempts = anonymous;
    }

    public String getId() {
        return id;
    }

    public String getContactId() {
        return contactId;
    }

    public TaskReason getReason() {
        return reason;
    }

    public int getGeneration() {
        return generation;
    }

    public TaskStatus getStatus() {
        return status;
    }

    public Priority getPriority() {
        return priority;
    }

    public String getAssigneeId() {
        return assigneeId;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Integer getScore() {
        return score;
    }

    public String getComment() {
        return comment;
    }

    public String getSurveyId() {
        return surveyId;
    }

    public String getResponseId() {
        return responseId;
    }

    public int getResponseRevision() {
        return responseRevision;
    }

    public Metric getMetric() {
        return metric;
    }

    public String getAccountId() {
        return accountId;
    }

    public String getAccountName() {
        return accountName;
    }

    public AccountTier getAccountTier() {
        return accountTier;
    }

    public String getContactName() {
        return contactName;
    }

    public String getTicketType() {
        return ticketType;
    }

    public String getTechnicianId() {
        return technicianId;
    }

    public String getLocale() {
        return locale;
    }

    public String getExplanation() {
        return explanation;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<Attempt> getAttempts() {
        return List.copyOf(attempts);
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getRemindedFor() {
        return remindedFor;
    }

    public boolean isEscalated() {
        return escalated;
    }

    public String getEscalatedToId() {
        return escalatedToId;
    }

    public Instant getEscalatedAt() {
        return escalatedAt;
    }

    public String getRootCause() {
        return rootCause;
    }

    public String getResolutionNote() {
        return resolutionNote;
    }

    public Boolean getRecovered() {
        return recovered;
    }

    public String getResolvedBy() {
        return resolvedBy;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }
}
