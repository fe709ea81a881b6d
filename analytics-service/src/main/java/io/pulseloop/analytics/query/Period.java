package io.pulseloop.analytics.query;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Inclusive UTC dates {@code from}..{@code to} of contract §6.2; either end may be open ({@code null}).
 */
public record Period(LocalDate from, LocalDate to) {

    /** @throws BadQueryException naming {@code from} or {@code to} for a malformed date or a reversed period */
    public static Period parse(String from, String to) {
        Period period = new Period(date("from", from), date("to", to));
        if (period.from != null && period.to != null && period.to.isBefore(period.from)) {
            throw new BadQueryException("to", "must not be before 'from'");
        }
        return period;
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException notADate) {
            throw new BadQueryException(field, "must be a date (yyyy-MM-dd), not '" + value + "'");
        }
    }

    /** {@code from}/{@code to} as day keys ({@code yyyy-MM-dd}) for range filters; {@code null} when open. */
    public String fromKey() {
        return from == null ? null : from.toString();
    }

    public String toKey() {
        return to == null ? null : to.toString();
    }

    public boolean contains(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    /**
     * The period of the same length just before this one (compare=previous); {@code null} when {@code from} is open
     * (nothing comes before all time). An open {@code to} is taken as {@code today}.
     */
    public Period previous(LocalDate today) {
        if (from == null) {
            return null;
        }
        LocalDate end = to == null ? today : to;
        long days = ChronoUnit.DAYS.between(from, end) + 1;
        return new Period(from.minusDays(days), from.minusDays(1));
    }
}
