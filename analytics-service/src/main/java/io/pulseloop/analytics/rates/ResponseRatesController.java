package io.pulseloop.analytics.rates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pulseloop.analytics.query.GroupBy;
import io.pulseloop.analytics.query.Period;
import io.pulseloop.analytics.query.TableAnswers;

/** {@code GET /api/v1/analytics/response-rates} (contract §6.2), grouped like the scores, dated by invitation. */
@RestController
@Tag(name = "analytics")
class ResponseRatesController {

    private final InvitationFacts invitations;

    ResponseRatesController(InvitationFacts invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/api/v1/analytics/response-rates")
    @Operation(summary = "Response rates of the invitations sent in the period",
            description = "{ overall: R, groups: [R] }; R = { key, invited, opened, started, completed, openedRate, "
                    + "startedRate, completedRate } (rates are shares of invited, null without invitations). "
                    + "opened = the survey page viewed (SurveyPageViewed), a score clicked or an answer given.",
            responses = @ApiResponse(responseCode = "200", content = {
                @Content(mediaType = "application/json"), @Content(mediaType = "text/csv")}))
    ResponseEntity<?> responseRates(@RequestParam(required = false) String surveyId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Period period = Period.parse(from, to);
        GroupBy grouping = GroupBy.parse(groupBy);
        Rates overall = new Rates();
        Map<String, Rates> groups = new TreeMap<>();
        invitations.forEach(surveyId == null || surveyId.isBlank() ? null : surveyId, period, fact -> {
            overall.add(fact);
            if (grouping != null) {
                LocalDate day = fact.day() == null ? LocalDate.EPOCH : LocalDate.parse(fact.day());
                groups.computeIfAbsent(grouping.keyOf(fact.dims(), day), k -> new Rates()).add(fact);
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((key, rates) -> rows.add(rates.toGroup(key)));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("overall", overall.toGroup("overall"));
        answer.put("groups", rows);
        return TableAnswers.answer(accept, answer, rows);
    }

    /** Counts of one group. */
    private static final class Rates {
        private long invited;
        private long opened;
        private long started;
        private long completed;

        void add(InvitationFacts.InvitationFact fact) {
            invited++;
            opened += fact.wasOpened() ? 1 : 0;
            started += fact.wasStarted() ? 1 : 0;
            completed += fact.wasCompleted() ? 1 : 0;
        }

        Map<String, Object> toGroup(String key) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("key", key);
            group.put("invited", invited);
            group.put("opened", opened);
            group.put("started", started);
            group.put("completed", completed);
            group.put("openedRate", share(opened));
            group.put("startedRate", share(started));
            group.put("completedRate", share(completed));
            return group;
        }

        private Double share(long count) {
            return invited == 0 ? null : (double) count / invited;
        }
    }
}
