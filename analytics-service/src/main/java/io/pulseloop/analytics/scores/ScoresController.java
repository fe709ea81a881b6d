package io.pulseloop.analytics.scores;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pulseloop.analytics.query.BadQueryException;
import io.pulseloop.analytics.query.GroupBy;
import io.pulseloop.analytics.query.Metrics;
import io.pulseloop.analytics.query.Period;
import io.pulseloop.analytics.query.TableAnswers;
import io.pulseloop.events.survey.Metric;

/** {@code GET /api/v1/analytics/scores} (contract §6.2). */
@RestController
@Tag(name = "analytics")
class ScoresController {

    private final ScoreQueries queries;

    ScoresController(ScoreQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/analytics/scores")
    @Operation(summary = "Scores by segment or period",
            description = "{ metric, overall: G, groups: [G] }; G = { key, responses, score, marginOfError, "
                    + "lowSample, interval [low, high], (NPS) promoters, passives, detractors | (CSAT) satisfied, mean "
                    + "| (CES) mean, (compare=previous) previous { responses, score }, change, significant, pValue }. "
                    + "NPS score 100 (P - D) / n, margin 100 * 1.96 * sqrt((p + d - (p - d)^2) / n), adjusted-Wald "
                    + "interval; CSAT score 100 * satisfied / n, Wilson interval; CES mean, t-interval. A response "
                    + "belongs to the UTC date of its first answer. With Accept: text/csv, one row per group.",
            responses = @ApiResponse(responseCode = "200", content = {
                @Content(mediaType = "application/json"), @Content(mediaType = "text/csv")}))
    ResponseEntity<?> scores(
            @Parameter(description = "NPS, CSAT or CES; by default the survey's metric, else NPS")
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) String surveyId,
            @Parameter(description = "first UTC date of the answers, inclusive (yyyy-MM-dd)")
            @RequestParam(required = false) String from,
            @Parameter(description = "last UTC date of the answers, inclusive (yyyy-MM-dd)")
            @RequestParam(required = false) String to,
            @Parameter(description = "region, branch, owner, accountTier, ticketType, technician, product, survey, "
                    + "locale, day, week or month")
            @RequestParam(required = false) String groupBy,
            @Parameter(description = "previous: compare with the period of the same length just before 'from'")
            @RequestParam(required = false) String compare,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Metric parsedMetric = Metrics.parse(metric);
        Period period = Period.parse(from, to);
        GroupBy grouping = GroupBy.parse(groupBy);
        boolean comparePrevious = parseCompare(compare);
        Metric effective = parsedMetric != null ? parsedMetric : queries.metricOf(blankToNull(surveyId));
        Map<String, Object> answer = queries.scores(effective, blankToNull(surveyId), period, grouping,
                comparePrevious);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) answer.get("groups");
        return TableAnswers.answer(accept, answer, groups);
    }

    private static boolean parseCompare(String compare) {
        if (compare == null || compare.isBlank()) {
            return false;
        }
        if (!"previous".equals(compare)) {
            throw new BadQueryException("compare", "must be 'previous', not '" + compare + "'");
        }
        return true;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
