package io.pulseloop.analytics.scores;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.pulseloop.analytics.AnalyticsProperties;
import io.pulseloop.analytics.query.GroupBy;
import io.pulseloop.analytics.query.Period;
import io.pulseloop.analytics.statistics.ScoreTally;
import io.pulseloop.events.survey.Metric;

/**
 * The scores answer of contract §6.2, computed from the score facts with one streamed scan of the period (and of
 * the period before it for {@code compare=previous}).
 *
 * <p>With {@code compare=previous}, a segment group is compared with the same segment in the period of the same
 * length just before {@code from}; a period group (day, week, month) with the bucket just before it (the previous
 * day, week or month), so that a trend's every point says whether it moved.
 */
@Component
public class ScoreQueries {

    private final ScoreFacts facts;
    private final MongoTemplate mongo;
    private final AnalyticsProperties properties;
    private final Clock clock;

    ScoreQueries(ScoreFacts facts, MongoTemplate mongo, AnalyticsProperties properties, Clock clock) {
        this.facts = facts;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** The metric of a survey, from any of its facts; NPS when nothing is known. */
    public Metric metricOf(String surveyId) {
        if (surveyId == null) {
            return Metric.NPS;
        }
        ScoreFact any = mongo.findOne(Query.query(Criteria.where("surveyId").is(surveyId)), ScoreFact.class,
                "score_facts");
        return any == null ? Metric.NPS : any.metric();
    }

    public Map<String, Object> scores(Metric metric, String surveyId, Period period, GroupBy groupBy,
            boolean compare) {
        LocalDate today = LocalDate.now(clock);
        Period previous = compare ? period.previous(today) : null;
        Period scanned = period;
        if (previous != null) {
            LocalDate scanFrom = previous.from();
            if (groupBy != null && groupBy.isPeriod()) {
                // the bucket before the first one may start before the previous period (a month before a 30-day span)
                LocalDate bucketBefore = startOf(groupBy, groupBy.previousKeyOf(period.from()));
                scanFrom = bucketBefore.isBefore(scanFrom) ? bucketBefore : scanFrom;
            }
            scanned = new Period(scanFrom, period.to());
        }

        ScoreTally overall = new ScoreTally(metric);
        ScoreTally overallBefore = new ScoreTally(metric);
        Map<String, ScoreTally> groups = new TreeMap<>();
        Map<String, ScoreTally> groupsBefore = new TreeMap<>();
        facts.forEach(metric, surveyId, scanned, null, row -> {
            boolean current = period.contains(row.day());
            String key = groupBy == null ? null : groupBy.keyOf(row.dims(), row.day());
            if (current) {
                overall.add(row.score());
                if (key != null) {
                    groups.computeIfAbsent(key, k -> new ScoreTally(metric)).add(row.score());
                }
            } else if (previous != null && previous.contains(row.day())) {
                overallBefore.add(row.score());
            }
            boolean before = previous != null && previous.contains(row.day());
            if (key != null && (groupBy.isPeriod() || before)) {
                // period buckets are their own "before" for the next bucket; segments only count before 'from'
                groupsBefore.computeIfAbsent(key, k -> new ScoreTally(metric)).add(row.score());
            }
        });

        int minSample = properties.minSample();
        Map<String, Object> overallGroup = overall.toGroup("overall", minSample);
        if (compare) {
            overall.addComparison(overallGroup, overallBefore);
        }
        List<Map<String, Object>> groupList = new ArrayList<>();
        groups.forEach((key, tally) -> {
            Map<String, Object> group = tally.toGroup(key, minSample);
            if (compare) {
                String beforeKey = groupBy.isPeriod() ? groupBy.previousKeyOf(startOf(groupBy, key)) : key;
                tally.addComparison(group, groupsBefore.getOrDefault(beforeKey, new ScoreTally(metric)));
            }
            groupList.add(group);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("metric", metric.name());
        answer.put("overall", overallGroup);
        answer.put("groups", groupList);
        return answer;
    }

    /** Any day of the bucket {@code key}: its first. */
    private static LocalDate startOf(GroupBy groupBy, String key) {
        return switch (groupBy) {
            case DAY -> LocalDate.parse(key);
            case MONTH -> LocalDate.parse(key + "-01");
            case WEEK -> {
                int year = Integer.parseInt(key.substring(0, 4));
                int week = Integer.parseInt(key.substring(6));
                yield LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                        .with(DayOfWeek.MONDAY);
            }
            default -> throw new IllegalStateException(groupBy + " is not a period");
        };
    }
}
