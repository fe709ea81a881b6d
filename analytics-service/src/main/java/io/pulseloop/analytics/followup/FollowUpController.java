package io.pulseloop.analytics.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pulseloop.analytics.query.Period;
import io.pulseloop.analytics.query.TableAnswers;
import io.pulseloop.analytics.scores.ScoreFacts;
import io.pulseloop.analytics.scores.ScoreRow;
import io.pulseloop.events.survey.Metric;

/**
 * {@code GET /api/v1/analytics/followup} (contract §6.2): of the tasks opened in the period, every reason but
 * {@code PROMOTER_REFERRAL}.
 */
@RestController
@Tag(name = "analytics")
class FollowUpController {

    private final TaskFacts tasks;
    private final ScoreFacts scores;

    FollowUpController(TaskFacts tasks, ScoreFacts scores) {
        this.tasks = tasks;
        this.scores = scores;
    }

    @GetMapping("/api/v1/analytics/followup")
    @Operation(summary = "Closed-loop KPIs of the tasks opened in the period",
            description = "{ opened, resolved, unreachable, cancelled, resolvedWithinDueShare (resolved by dueAt / "
                    + "opened), medianTimeToFirstAttempt (ISO-8601, of the tasks with an attempt), recoveryRate "
                    + "(DETRACTOR tasks whose contact's next NPS answer is higher / DETRACTOR tasks) }; null where "
                    + "there is nothing to divide. PROMOTER_REFERRAL tasks are not counted.")
    ResponseEntity<?> followUp(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Period period = Period.parse(from, to);
        List<TaskFacts.TaskFact> opened = new ArrayList<>();
        tasks.forEachOpened(period, task -> {
            if (!"PROMOTER_REFERRAL".equals(task.reason())) {
                opened.add(task);
            }
        });
        long resolved = opened.stream().filter(t -> "RESOLVED".equals(t.status())).count();
        long unreachable = opened.stream().filter(t -> "UNREACHABLE".equals(t.status())).count();
        long cancelled = opened.stream().filter(t -> "CANCELLED".equals(t.status())).count();
        long withinDue = opened.stream().filter(t -> "RESOLVED".equals(t.status()) && t.endedAt() != null
                && t.dueAt() != null && !t.endedAt().isAfter(t.dueAt())).count();
        List<Duration> toFirstAttempt = opened.stream()
                .filter(t -> t.firstAttemptAt() != null && t.openedAt() != null)
                .map(t -> Duration.between(t.openedAt(), t.firstAttemptAt())).sorted().toList();

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("opened", (long) opened.size());
        answer.put("resolved", resolved);
        answer.put("unreachable", unreachable);
        answer.put("cancelled", cancelled);
        answer.put("resolvedWithinDueShare", opened.isEmpty() ? null : (double) withinDue / opened.size());
        answer.put("medianTimeToFirstAttempt", median(toFirstAttempt));
        answer.put("recoveryRate", recoveryRate(opened));
        return TableAnswers.answer(accept, answer, List.of(answer));
    }

    private static String median(List<Duration> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        Duration median = sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
        return median.toString();
    }

    /** Detractor tasks whose contact's next NPS answer (after the task's answer) has a higher score. */
    private Double recoveryRate(List<TaskFacts.TaskFact> opened) {
        List<TaskFacts.TaskFact> detractorTasks = opened.stream()
                .filter(t -> "DETRACTOR".equals(t.reason()) && t.contactId() != null).toList();
        if (detractorTasks.isEmpty()) {
            return null;
        }
        Set<String> contacts = new HashSet<>();
        detractorTasks.forEach(t -> contacts.add(t.contactId()));
        Map<String, List<ScoreRow>> answers = new HashMap<>();
        scores.forEach(Metric.NPS, null, null, contacts,
                row -> answers.computeIfAbsent(row.contactId(), c -> new ArrayList<>()).add(row));
        answers.values().forEach(list -> list.sort(Comparator.comparing(ScoreRow::answeredAt)));
        long recovered = 0;
        for (TaskFacts.TaskFact task : detractorTasks) {
            List<ScoreRow> contactAnswers = answers.getOrDefault(task.contactId(), List.of());
            ScoreRow detractor = contactAnswers.stream().filter(r -> r.responseId().equals(task.responseId()))
                    .findFirst().orElse(null);
            Instant after = detractor != null ? detractor.answeredAt() : task.openedAt();
            Integer score = detractor != null ? Integer.valueOf(detractor.score()) : task.score();
            if (after == null || score == null) {
                continue;
            }
            ScoreRow next = contactAnswers.stream()
                    .filter(r -> r.answeredAt().isAfter(after) && !r.responseId().equals(task.responseId()))
                    .findFirst().orElse(null);
            if (next != null && next.score() > score) {
                recovered++;
            }
        }
        return (double) recovered / detractorTasks.size();
    }
}
