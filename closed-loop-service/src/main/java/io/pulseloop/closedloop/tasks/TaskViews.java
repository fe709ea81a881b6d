package io.pulseloop.closedloop.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.pulseloop.closedloop.tasks.domain.FollowUpTask;
import io.pulseloop.closedloop.tasks.domain.TaskStatus;

/**
 * The {@code tasks} read model: one document per task, copied from the contact aggregates by the outbox relay, for
 * lists and the schedulers. Single tasks are read from the aggregate itself (by {@code _id}).
 */
@Component
class TaskViews {

    static final String COLLECTION = "tasks";
    private static final List<TaskStatus> OPEN = List.of(TaskStatus.OPEN, TaskStatus.IN_PROGRESS);

    private final MongoTemplate mongo;

    TaskViews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Page<FollowUpTask> list(TaskQuery query) {
        List<Criteria> filters = new ArrayList<>();
        if (query.statuses() != null) {
            filters.add(Criteria.where("status").in(query.statuses()));
        }
        if (TaskQuery.UNASSIGNED.equals(query.assigneeId())) {
            filters.add(Criteria.where("assigneeId").is(null));
        } else if (query.assigneeId() != null) {
            filters.add(Criteria.where("assigneeId").is(query.assigneeId()));
        }
        if (query.contactId() != null) {
            filters.add(Criteria.where("contactId").is(query.contactId()));
        }
        if (query.reason() != null) {
            filters.add(Criteria.where("reason").is(query.reason()));
        }
        if (query.visibleAssigneeIds() != null) {
            filters.add(Criteria.where("assigneeId").in(query.visibleAssigneeIds()));
        }
        Criteria all = filters.isEmpty() ? new Criteria() : new Criteria().andOperator(filters);
        PageRequest page = PageRequest.of(query.page(), query.size(),
                Sort.by(Sort.Order.asc("dueAt"), Sort.Order.asc("_id")));
        long total = mongo.count(Query.query(all), COLLECTION);
        List<FollowUpTask> content = mongo.find(Query.query(all).with(page), FollowUpTask.class, COLLECTION);
        return new PageImpl<>(content, page, total);
    }

    /** Open tasks due for escalation or whose next attempt has come (a scan, bounded). */
    List<FollowUpTask> needingAttention(Instant now, int limit) {
        Criteria overdue = new Criteria().andOperator(Criteria.where("escalated").is(false),
                Criteria.where("dueAt").lte(now));
        Criteria attemptDue = Criteria.where("nextAttemptAt").lte(now);
        Query query = Query.query(new Criteria().andOperator(Criteria.where("status").in(OPEN),
                new Criteria().orOperator(overdue, attemptDue))).limit(limit);
        return mongo.find(query, FollowUpTask.class, COLLECTION);
    }

    /** The open tasks of some assignees, due first, for digests. */
    List<FollowUpTask> openTasksOf(List<String> assigneeIds) {
        return mongo.find(Query.query(Criteria.where("status").in(OPEN).and("assigneeId").in(assigneeIds))
                .with(Sort.by("dueAt")).limit(500), FollowUpTask.class, COLLECTION);
    }

    /** How many tasks are open ({@code OPEN} or {@code IN_PROGRESS}). */
    long countOpen() {
        return mongo.count(Query.query(Criteria.where("status").in(OPEN)), COLLECTION);
    }

    /** How many open tasks are past their {@code dueAt} at {@code now}. */
    long countOverdue(Instant now) {
        return mongo.count(Query.query(Criteria.where("status").in(OPEN).and("dueAt").lt(now)), COLLECTION);
    }

    Optional<FollowUpTask> find(String taskId) {
        return Optional.ofNullable(mongo.findById(taskId, FollowUpTask.class, COLLECTION));
    }
}
