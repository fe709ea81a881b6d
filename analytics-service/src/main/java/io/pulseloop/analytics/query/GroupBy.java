package io.pulseloop.analytics.query;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code groupBy} values of contract §6.2: a segment of the answer's context, or its UTC period. Period keys
 * sort chronologically: {@code 2026-11-20}, ISO week {@code 2026-W47}, month {@code 2026-11}. A fact without
 * the segment is grouped under {@link #UNKNOWN}.
 */
public enum GroupBy {
    REGION("region", Dimensions::region),
    BRANCH("branch", Dimensions::branch),
    OWNER("owner", Dimensions::owner),
    ACCOUNT_TIER("accountTier", Dimensions::accountTier),
    TICKET_TYPE("ticketType", Dimensions::ticketType),
    TECHNICIAN("technician", Dimensions::technician),
    PRODUCT("product", Dimensions::product),
    SURVEY("survey", Dimensions::survey),
    LOCALE("locale", Dimensions::locale),
    DAY("day", null),
    WEEK("week", null),
    MONTH("month", null);

    public static final String UNKNOWN = "unknown";
    private static final DateTimeFormatter MONTH_KEY = DateTimeFormatter.ofPattern("yyyy-MM");

    private final String parameter;
    private final Function<Dimensions, String> segment;

    GroupBy(String parameter, Function<Dimensions, String> segment) {
        this.parameter = parameter;
        this.segment = segment;
    }

    public String parameter() {
        return parameter;
    }

    public boolean isPeriod() {
        return segment == null;
    }

    /** The group key of a fact with these dimensions, answered (or invited) on {@code day}. */
    public String keyOf(Dimensions dimensions, LocalDate day) {
        return switch (this) {
            case DAY -> day.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                    day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> MONTH_KEY.format(day);
            default -> {
                String key = dimensions == null ? null : segment.apply(dimensions);
                yield key == null || key.isBlank() ? UNKNOWN : key;
            }
        };
    }

    /**
     * The key of the bucket just before the one {@code day} falls in (the previous day, ISO week or month); only for
     * period groupings.
     */
    public String previousKeyOf(LocalDate day) {
        LocalDate start = switch (this) {
            case DAY -> day;
            case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1L);
            case MONTH -> day.withDayOfMonth(1);
            default -> throw new IllegalStateException(parameter + " is not a period");
        };
        return keyOf(null, start.minusDays(1));
    }

    /** @throws BadQueryException naming {@code groupBy} for anything but the values of §6.2 */
    public static GroupBy parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(values()).filter(g -> g.parameter.equals(value)).findFirst()
                .orElseThrow(() -> new BadQueryException("groupBy", "must be one of " + String.join(", ",
                        Arrays.stream(values()).map(GroupBy::parameter).toList()) + ", not '" + value + "'"));
    }
}
