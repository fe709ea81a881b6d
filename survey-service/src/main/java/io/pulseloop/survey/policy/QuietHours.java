package io.pulseloop.survey.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hours in which invitations may be sent, in the contact's own time zone: by default 09:00–18:00 on working days
 * (Monday to Friday). A send due outside them waits for the next allowed moment, i.e. the next working morning.
 *
 * @param enabled     when {@code false}, every moment is allowed (the {@code local} profile)
 * @param start       first allowed local time of a working day
 * @param end         first local time that is no longer allowed
 * @param workingDays days on which sending is allowed
 * @param defaultZone the zone of contacts whose CRM record has no (valid) time zone
 */
public record QuietHours(boolean enabled, LocalTime start, LocalTime end, Set<DayOfWeek> workingDays,
        ZoneId defaultZone) {

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(defaultZone, "defaultZone");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("quiet hours: start " + start + " must be before end " + end);
        }
        workingDays = (workingDays == null || workingDays.isEmpty())
                ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : EnumSet.copyOf(workingDays);
    }

    /** No quiet hours at all. */
    public static QuietHours off() {
        return new QuietHours(false, LocalTime.of(9, 0), LocalTime.of(18, 0), null, ZoneId.of("UTC"));
    }

    /**
     * The earliest allowed moment at or after {@code at} for a contact in {@code timeZone}.
     *
     * @param timeZone an IANA zone id; {@code null} or invalid means {@link #defaultZone()}
     */
    public Instant nextAllowed(Instant at, String timeZone) {
        if (!enabled) {
            return at;
        }
        ZoneId zone = zoneOf(timeZone);
        ZonedDateTime local = at.atZone(zone);
        for (int day = 0; day < 8; day++) {
            if (workingDays.contains(local.getDayOfWeek())) {
                LocalTime time = local.toLocalTime();
                if (time.isBefore(start)) {
                    return local.toLocalDate().atTime(start).atZone(zone).toInstant();
                }
                if (time.isBefore(end)) {
                    return local.toInstant();
                }
            }
            local = local.toLocalDate().plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("no working day within a week: " + workingDays);
    }

    /** The zone used for a contact: its own when valid, else the default. */
    public ZoneId zoneOf(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return defaultZone;
        }
        try {
            return ZoneId.of(timeZone);
        }
        catch (DateTimeException ex) {
            return defaultZone;
        }
    }

    /** E.g. {@code 09:00–18:00 MONDAY–FRIDAY in Europe/Prague}. */
    public String describe(String timeZone) {
        String days = workingDays.stream().map(DayOfWeek::name).collect(Collectors.joining(","));
        return start + "–" + end + " on " + days + " in " + zoneOf(timeZone);
    }
}
