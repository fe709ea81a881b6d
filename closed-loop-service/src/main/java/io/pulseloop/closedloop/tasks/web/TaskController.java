package io.pulseloop.closedloop.tasks.web;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import org.springframework.data.domain.Page;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pulseloop.closedloop.security.TaskAccess;
import io.pulseloop.closedloop.tasks.TaskService;
import io.pulseloop.closedloop.tasks.domain.FollowUpTask;
import io.pulseloop.closedloop.tasks.domain.TaskNotFoundException;
import io.pulseloop.platform.security.StaffMember;

/** The follow-up task API (contract §6.1), authorised per task (§7): another's task is {@code 404}. */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

    private final TaskService tasks;
    private final TaskAccess access;
    private final Clock clock;

    TaskController(TaskService tasks, TaskAccess access, Clock clock) {
        this.tasks = tasks;
        this.access = access;
        this.clock = clock;
    }

    /** Tasks due first; every status unless {@code status} is given; an agent sees only their own. */
    @GetMapping
    TaskPage list(@RequestParam(required = false) String status, @RequestParam(required = false) String assigneeId,
            @RequestParam(required = false) String contactId, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size,
            Authentication authentication) {
        StaffMember member = access.member(authentication);
        Set<String> visible = access.visibleAssignees(member);
        String assignee = member.isAdmin() || member.isManager() ? assigneeId : null;
        Page<FollowUpTask> found = tasks.list(TaskQueries.query(status, assignee, contactId, reason, visible, page,
                size));
        List<TaskResponse> content = found.getContent().stream().map(t -> TaskResponse.of(t, clock.instant()))
                .toList();
        return new TaskPage(content, new TaskPage.PageMetadata(found.getSize(), found.getNumber(),
                found.getTotalElements(), found.getTotalPages()));
    }

    /** The root causes a resolution may name. */
    @GetMapping("/root-causes")
    List<String> rootCauses() {
        return tasks.rootCauses();
    }

    @GetMapping("/{id}")
    TaskResponse one(@PathVariable String id, Authentication authentication) {
        return TaskResponse.of(visibleTask(id, authentication), clock.instant());
    }

    /** Logs an attempt by the caller; not reached schedules the next at the next working day's opening. */
    @PostMapping("/{id}/attempts")
    TaskResponse attempt(@PathVariable String id, @Valid @RequestBody AttemptRequest request,
            Authentication authentication) {
        visibleTask(id, authentication);
        String by = access.member(authentication).ownerId();
        return TaskResponse.of(tasks.logAttempt(id, by, request.reached(), request.note()), clock.instant());
    }

    /** Resolves with a root cause from the list; resolving twice is {@code 409}. */
    @PostMapping("/{id}/resolve")
    TaskResponse resolve(@PathVariable String id, @Valid @RequestBody ResolveRequest request,
            Authentication authentication) {
        visibleTask(id, authentication);
        String by = access.member(authentication).ownerId();
        return TaskResponse.of(tasks.resolve(id, by, request.rootCause(), request.note(), request.recovered()),
                clock.instant());
    }

    private FollowUpTask visibleTask(String id, Authentication authentication) {
        StaffMember member = access.member(authentication);
        return tasks.find(id).filter(t -> access.maySee(member, t.getAssigneeId(), t.getEscalatedToId()))
                .orElseThrow(() -> new TaskNotFoundException(id));
    }
}
