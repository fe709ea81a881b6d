package io.pulseloop.analytics.themes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

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

import io.pulseloop.analytics.AnalyticsProperties;
import io.pulseloop.analytics.crm.ContactDirectory;
import io.pulseloop.analytics.query.BadQueryException;
import io.pulseloop.analytics.query.Period;
import io.pulseloop.analytics.query.TableAnswers;
import io.pulseloop.analytics.scores.ScoreFacts;
import io.pulseloop.analytics.scores.ScoreQueries;
import io.pulseloop.analytics.scores.ScoreRow;
import io.pulseloop.analytics.themes.analysis.TermExtractor;
import io.pulseloop.analytics.themes.analysis.ThemeRanking;
import io.pulseloop.events.survey.Metric;

/**
 * {@code GET /api/v1/analytics/themes} (contract §6.2). The theme index is the comments of the score facts: an
 * erased contact's comments were removed from them, so they leave the themes too. Computed per query from one scan
 * of the period's facts (see {@code ScoreFacts}).
 */
@RestController
@Tag(name = "analytics")
class ThemesController {

    private static final int LIMIT = 20;

    private final ScoreFacts facts;
    private final ScoreQueries queries;
    private final ContactDirectory contacts;
    private final AnalyticsProperties properties;

    ThemesController(ScoreFacts facts, ScoreQueries queries, ContactDirectory contacts,
            AnalyticsProperties properties) {
        this.facts = facts;
        this.queries = queries;
        this.contacts = contacts;
        this.properties = properties;
    }

    @GetMapping("/api/v1/analytics/themes")
    @Operation(summary = "Terms over-represented in a category's comments, per language",
            description = "{ terms: [ { term, count (comments of the category containing it), lift, examples (up to "
                    + "three, the contact's names removed), stem, locale } ] }. lift = (count / comments of the "
                    + "category) / (comments containing the term / all comments of that language). Stemmed with "
                    + "Lucene's Czech, Polish (Stempel) and English analysers; unigrams and bigrams.",
            responses = @ApiResponse(responseCode = "200", content = {
                @Content(mediaType = "application/json"), @Content(mediaType = "text/csv")}))
    ResponseEntity<?> themes(@RequestParam(required = false) String surveyId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @Parameter(description = "cs, pl, en; every language when absent")
            @RequestParam(required = false) String locale,
            @Parameter(description = "detractor, passive, promoter (NPS); dissatisfied, neutral, satisfied (CSAT); "
                    + "difficult, easy (CES); the metric's negative band when absent")
            @RequestParam(required = false) String category,
            @Parameter(description = "minimum count in the category; pulseloop.analytics.theme-min-count by default")
            @RequestParam(required = false) Integer minCount,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Period period = Period.parse(from, to);
        String survey = surveyId == null || surveyId.isBlank() ? null : surveyId;
        Category parsed = Category.parse(category);
        Metric metric = parsed != null && survey == null ? parsed.metric() : queries.metricOf(survey);
        Category band = parsed != null ? parsed : Category.negativeOf(metric);
        if (minCount != null && minCount < 1) {
            throw new BadQueryException("minCount", "must be at least 1");
        }
        String language = locale == null || locale.isBlank() ? null : TermExtractor.language(locale);

        List<ScoreRow> comments = new ArrayList<>();
        facts.forEach(metric, survey, period, null, row -> {
            if (row.comment() != null && !row.erased()
                    && (language == null || TermExtractor.language(row.locale()).equals(language))) {
                comments.add(row);
            }
        });
        Set<String> contactIds = new HashSet<>();
        comments.stream().filter(r -> band.contains(r.metric(), r.score()) && r.contactId() != null)
                .forEach(r -> contactIds.add(r.contactId()));
        Map<String, ContactDirectory.ContactInfo> names = contacts.findAll(contactIds);

        Map<String, ThemeRanking> rankings = new TreeMap<>();
        int min = minCount != null ? minCount : properties.themeMinCount();
        for (ScoreRow row : comments) {
            String rowLanguage = TermExtractor.language(row.locale());
            rankings.computeIfAbsent(rowLanguage, l -> new ThemeRanking(l, min)).add(row.comment(),
                    band.contains(row.metric(), row.score()), text -> anonymise(text, names.get(row.contactId())));
        }
        List<ThemeRanking.Theme> themes = new ArrayList<>();
        rankings.values().forEach(ranking -> themes.addAll(ranking.top(LIMIT)));
        themes.sort(Comparator.comparingDouble(ThemeRanking.Theme::lift).reversed()
                .thenComparing(ThemeRanking.Theme::count, Comparator.reverseOrder()));
        List<Map<String, Object>> terms = themes.stream().limit(LIMIT).map(ThemeRanking.Theme::toJson).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("category", band.name().toLowerCase(Locale.ROOT));
        answer.put("sentiment", "the score band: a " + band.name().toLowerCase(Locale.ROOT)
                + "'s answer is the sentiment the customer gave");
        answer.put("terms", terms);
        return TableAnswers.answer(accept, answer, terms);
    }

    /** The contact's first and last name (as the CRM knows them) replaced by an ellipsis, case-insensitively. */
    static String anonymise(String comment, ContactDirectory.ContactInfo contact) {
        if (contact == null) {
            return comment;
        }
        String result = comment;
        for (String name : new String[] {contact.firstName(), contact.lastName()}) {
            if (name != null && name.length() > 1) {
                result = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])")
                        .matcher(result).replaceAll("…");
            }
        }
        return result;
    }
}
