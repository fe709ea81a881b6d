package io.pulseloop.closedloop.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import io.pulseloop.closedloop.security.TaskAccess;
import io.pulseloop.closedloop.tasks.TaskQuery;
import io.pulseloop.closedloop.tasks.TaskService;
import io.pulseloop.closedloop.tasks.domain.FollowUpTask;
import io.pulseloop.closedloop.tasks.domain.InvalidResolutionException;
import io.pulseloop.closedloop.tasks.domain.TaskConflictException;
import io.pulseloop.closedloop.tasks.domain.TaskStatus;
import io.pulseloop.closedloop.tasks.web.InvalidParameterException;
import io.pulseloop.closedloop.tasks.web.TaskQueries;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.platform.security.StaffMember;

/**
 * {@code GET /inbox} (the caller's open tasks, due first, overdue marked; filters by status and reason) and
 * {@code GET /inbox/tasks/{id}} (the task with its context and attempts, and forms to log an attempt and to
 * resolve). Same authorisation as the API: another's task is a {@code 404} page. Forms post and redirect back.
 */
@Controller
@RequestMapping("/inbox")
class InboxController {

    private static final Set<TaskStatus> OPEN = EnumSet.of(TaskStatus.OPEN, TaskStatus.IN_PROGRESS);

    private final TaskService tasks;
    private final TaskAccess access;
    private final Clock clock;
    private final java.time.ZoneId zone;

    InboxController(TaskService tasks, TaskAccess access, Clock clock,
            @Value("${pulseloop.followup.time-zone:Europe/Prague}") java.time.ZoneId zone) {
        this.tasks = tasks;
        this.access = access;
        this.clock = clock;
        this.zone = zone;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String reason,
            Authentication authentication, Model model, HttpServletResponse response) {
        StaffMember member = access.member(authentication);
        Set<TaskStatus> statuses;
        TaskReason reasonFilter;
        try {
            statuses = status == null || status.isBlank() ? OPEN
                    : "ANY".equalsIgnoreCase(status) ? null : TaskQueries.statuses(status);
            reasonFilter = TaskQueries.reason(reason);
        } catch (InvalidParameterException e) {
            response.setStatus(400);
            statuses = OPEN;
            reasonFilter = null;
            model.addAttribute("error", e.getMessage());
        }
        List<FollowUpTask> found = tasks.list(new TaskQuery(statuses, null, null, reasonFilter,
                access.visibleAssignees(member), 0, TaskQueries.MAX_SIZE)).getContent();
        model.addAttribute("tasks", found);
        model.addAttribute("now", clock.instant());
        model.addAttribute("zone", zone);
        model.addAttribute("member", member);
        model.addAttribute("status", status == null ? "" : status.toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("reason", reason == null ? "" : reason.toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("statuses", TaskStatus.values());
        model.addAttribute("reasons", TaskReason.values());
        return "inbox/list";
    }

    @GetMapping("/tasks/{id}")
    String task(@PathVariable String id, Authentication authentication, Model model,
            HttpServletResponse response) {
        Optional<FollowUpTask> task = visible(id, authentication);
        if (task.isEmpty()) {
            response.setStatus(404);
            return "inbox/not-found";
        }
        return page(task.get(), authentication, model);
    }

    @PostMapping("/tasks/{id}/attempts")
    String attempt(@PathVariable String id, @RequestParam(required = false) Boolean reached,
            @RequestParam(required = false) String note, Authentication authentication, Model model,
            HttpServletResponse response) {
        Optional<FollowUpTask> task = visible(id, authentication);
        if (task.isEmpty()) {
            response.setStatus(404);
            return "inbox/not-found";
        }
        if (reached == null) {
            response.setStatus(400);
            model.addAttribute("attemptError", "reached");
            return page(task.get(), authentication, model);
        }
        try {
            tasks.logAttempt(id, access.member(authentication).ownerId(), reached, blankToNull(note));
        } catch (TaskConflictException e) {
            response.setStatus(409);
            model.addAttribute("conflict", task.get().getStatus());
            return page(task.get(), authentication, model);
        }
        return redirectTo(id);
    }

    @PostMapping("/tasks/{id}/resolve")
    String resolve(@PathVariable String id, @RequestParam(required = false) String rootCause,
            @RequestParam(required = false) String note, @RequestParam(required = false) Boolean recovered,
            Authentication authentication, Model model, HttpServletResponse response) {
        Optional<FollowUpTask> task = visible(id, authentication);
        if (task.isEmpty()) {
            response.setStatus(404);
            return "inbox/not-found";
        }
        try {
            tasks.resolve(id, access.member(authentication).ownerId(), rootCause, blankToNull(note),
                    Boolean.TRUE.equals(recovered));
        } catch (InvalidResolutionException e) {
            response.setStatus(400);
            model.addAttribute("resolveError", "rootCause");
            return page(task.get(), authentication, model);
        } catch (TaskConflictException e) {
            response.setStatus(409);
            model.addAttribute("conflict", task.get().getStatus());
            return page(task.get(), authentication, model);
        }
        return redirectTo(id);
    }

    private String page(FollowUpTask task, Authentication authentication, Model model) {
        Instant now = clock.instant();
        model.addAttribute("task", task);
        model.addAttribute("overdue", task.isOverdue(now));
        model.addAttribute("zone", zone);
        model.addAttribute("member", access.member(authentication));
        model.addAttribute("rootCauses", tasks.rootCauses());
        List<io.pulseloop.closedloop.tasks.domain.Attempt> newestFirst = new java.util.ArrayList<>(task.getAttempts());
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("attempts", newestFirst);
        return "inbox/task";
    }

    private Optional<FollowUpTask> visible(String id, Authentication authentication) {
        StaffMember member = access.member(authentication);
        return tasks.find(id).filter(t -> access.maySee(member, t.getAssigneeId(), t.getEscalatedToId()));
    }

    private static String redirectTo(String id) {
        return "redirect:/inbox/tasks/" + UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
