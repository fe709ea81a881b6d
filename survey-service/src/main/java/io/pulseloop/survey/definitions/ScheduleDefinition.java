package io.pulseloop.survey.definitions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A relationship survey sent in waves to the current customer base, each wave spread over a period rather than sent in
 * one burst.
 *
 * @param every      time between the starts of two waves
 * @param spreadOver each contact's send is placed at a stable pseudo-random offset within this period
 * @param startAt    the first wave; {@code null} means as soon as the survey is saved
 * @param audience   contact attribute to allowed values (lower-case), e.g. {@code customerStatus: [customer]}
 */
public record ScheduleDefinition(Duration every, Duration spreadOver, Instant startAt,
        Map<String, Set<String>> audience) {
}
