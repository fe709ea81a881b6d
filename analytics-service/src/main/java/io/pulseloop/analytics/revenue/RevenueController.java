package io.pulseloop.analytics.revenue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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

import io.pulseloop.analytics.crm.DealFacts;
import io.pulseloop.analytics.query.Period;
import io.pulseloop.analytics.query.TableAnswers;
import io.pulseloop.analytics.scores.ScoreFacts;
import io.pulseloop.analytics.scores.ScoreRow;
import io.pulseloop.events.survey.Metric;

/**
 * {@code GET /api/v1/analytics/revenue} (contract §6.2) and {@code GET /api/v1/analytics/repeat-purchases}
 * (seed 000): both scan the NPS/CSAT facts and the period's deals once; neither is a hot path.
 */
@RestController
@Tag(name = "analytics")
class RevenueController {

    private static final List<String> CATEGORIES = List.of("promoter", "passive", "detractor");

    private final ScoreFacts scores;
    private final DealFacts deals;

    RevenueController(ScoreFacts scores, DealFacts deals) {
        this.scores = scores;
        this.deals = deals;
    }

    @GetMapping("/api/v1/analytics/revenue")
    @Operation(summary = "Won-deal revenue by the contacts' latest NPS category",
            description = "{ categories: [ { category, contacts, amounts: { currency: sum } } ] }: contacts = contacts "
                    + "whose latest NPS answer is in the category; amounts = their deals won with closedAt in the "
                    + "period (UTC dates, inclusive), summed per currency. Contacts without an NPS answer are not "
                    + "counted.",
            responses = @ApiResponse(responseCode = "200", content = {
                @Content(mediaType = "application/json"), @Content(mediaType = "text/csv")}))
    ResponseEntity<?> revenue(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Period period = Period.parse(from, to);
        Map<String, ScoreRow> latest = new HashMap<>();
        scores.forEach(Metric.NPS, null, null, null, row -> latest.merge(row.contactId(), row,
                (a, b) -> b.answeredAt().isAfter(a.answeredAt()) ? b : a));
        Map<String, Long> contacts = new LinkedHashMap<>();
        Map<String, Map<String, BigDecimal>> amounts = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> {
            contacts.put(c, 0L);
            amounts.put(c, new TreeMap<>());
        });
        latest.values().forEach(row -> contacts.merge(category(row.score()), 1L, Long::sum));
        deals.forEachClosed(start(period), end(period), deal -> {
            ScoreRow answer = latest.get(deal.contactId());
            if (answer != null && deal.amount() != null) {
                String currency = deal.currency() == null ? "unknown" : deal.currency();
                amounts.get(category(answer.score())).merge(currency, deal.amount(), BigDecimal::add);
            }
        });
        List<Map<String, Object>> categories = new ArrayList<>();
        for (String category : CATEGORIES) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("category", category);
            row.put("contacts", contacts.get(category));
            Map<String, Double> sums = new TreeMap<>();
            amounts.get(category).forEach((currency, sum) -> sums.put(currency, sum.doubleValue()));
            row.put("amounts", sums);
            categories.add(row);
        }
        return TableAnswers.answer(accept, Map.of("categories", categories), categories);
    }

    @GetMapping("/api/v1/analytics/repeat-purchases")
    @Operation(summary = "Repeat purchases after a CSAT answer",
            description = "{ bands: [ { band (satisfied 4-5, neutral 3, dissatisfied 1-2), contacts (who answered CSAT "
                    + "in the period), repurchased (of them, won a deal closed after their answer), share } ] }")
    ResponseEntity<?> repeatPurchases(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Period period = Period.parse(from, to);
        Map<String, ScoreRow> firstAnswer = new HashMap<>();
        scores.forEach(Metric.CSAT, null, period, null, row -> firstAnswer.merge(row.contactId(), row,
                (a, b) -> b.answeredAt().isBefore(a.answeredAt()) ? b : a));
        Map<String, Instant> lastDeal = new HashMap<>();
        deals.forEachClosed(null, null, deal -> {
            if (deal.closedAt() != null) {
                lastDeal.merge(deal.contactId(), deal.closedAt(), (a, b) -> b.isAfter(a) ? b : a);
            }
        });
        Map<String, long[]> bands = new LinkedHashMap<>();
        for (String band : List.of("satisfied", "neutral", "dissatisfied")) {
            bands.put(band, new long[2]);
        }
        firstAnswer.values().forEach(row -> {
            long[] counts = bands.get(row.score() >= 4 ? "satisfied" : row.score() == 3 ? "neutral" : "dissatisfied");
            counts[0]++;
            Instant deal = lastDeal.get(row.contactId());
            if (deal != null && deal.isAfter(row.answeredAt())) {
                counts[1]++;
            }
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        bands.forEach((band, counts) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("band", band);
            row.put("contacts", counts[0]);
            row.put("repurchased", counts[1]);
            row.put("share", counts[0] == 0 ? null : (double) counts[1] / counts[0]);
            rows.add(row);
        });
        return TableAnswers.answer(accept, Map.of("bands", rows), rows);
    }

    private static String category(int score) {
        return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
    }

    private static Instant start(Period period) {
        return period.from() == null ? null : period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant end(Period period) {
        return period.to() == null ? null : period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
