package io.pulseloop.analytics.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.context.MessageSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.pulseloop.analytics.query.GroupBy;
import io.pulseloop.analytics.query.Period;
import io.pulseloop.events.json.EventJson;

/**
 * {@code GET /dashboard}: the filters (survey, period, dimension, granularity) rendered on the server, in English,
 * Czech or Polish ({@code ?lang=}, else the browser's {@code Accept-Language}); every number on it is loaded by
 * the page's script from the same {@code /api/v1/analytics/*} endpoints the API documents, and every chart has a
 * table with the same numbers.
 */
@Controller
@Hidden
class DashboardController {

    private static final List<String> LABELS = List.of("trend", "bands", "segments", "themes", "followup", "revenue",
            "score", "low", "high", "responses", "margin", "interval", "change", "significant", "lowSample",
            "promoters", "passives", "detractors", "satisfied", "notSatisfied", "mean", "period", "segment", "term",
            "count", "lift", "examples", "category", "contacts", "amounts", "noData", "opened", "resolved",
            "unreachable", "cancelled", "resolvedWithinDueShare", "medianTimeToFirstAttempt", "recoveryRate", "yes",
            "no", "sortBy", "loading", "failed", "promoter", "passive", "detractor");

    private final MongoTemplate mongo;
    private final MessageSource messages;
    private final Clock clock;

    DashboardController(MongoTemplate mongo, MessageSource messages, Clock clock) {
        this.mongo = mongo;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) String surveyId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String dimension,
            @RequestParam(required = false) String granularity, Locale locale, Model model) {
        List<String> surveys = mongo.findDistinct(new Query(), "surveyId", "score_facts", String.class).stream()
                .sorted().toList();
        LocalDate today = LocalDate.now(clock);
        Period period;
        try {
            period = Period.parse(from, to);
        } catch (RuntimeException badDate) {
            period = new Period(null, null);
        }
        LocalDate end = period.to() != null ? period.to() : today;
        LocalDate start = period.from() != null ? period.from() : end.minusDays(89);
        String survey = surveyId != null && !surveyId.isBlank() ? surveyId : surveys.isEmpty() ? "" : surveys.get(0);
        model.addAttribute("surveys", surveys);
        model.addAttribute("surveyId", survey);
        model.addAttribute("from", start.toString());
        model.addAttribute("to", end.toString());
        model.addAttribute("dimensions", List.of(GroupBy.values()).stream().filter(g -> !g.isPeriod())
                .map(GroupBy::parameter).toList());
        model.addAttribute("dimension", valid(dimension, "region"));
        model.addAttribute("granularities", List.of("day", "week", "month"));
        // List.of(...).contains(null) throws: without the parameter (a first visit) the page answered 500
        model.addAttribute("granularity", granularity != null && List.of("day", "week", "month").contains(granularity)
                ? granularity : "week");
        model.addAttribute("lang", locale.getLanguage());
        Map<String, String> labels = new LinkedHashMap<>();
        LABELS.forEach(key -> labels.put(key, messages.getMessage("dashboard.js." + key, null, key, locale)));
        model.addAttribute("labelsJson", EventJson.mapper().writeValueAsString(labels));
        return "dashboard";
    }

    private static String valid(String dimension, String fallback) {
        try {
            GroupBy parsed = GroupBy.parse(dimension);
            return parsed == null || parsed.isPeriod() ? fallback : parsed.parameter();
        } catch (RuntimeException unknown) {
            return fallback;
        }
    }
}
