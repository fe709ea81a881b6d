package io.pulseloop.crmsync.writeback.rules;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One value of one CRM property, with what makes it newer or older than another: the time of the event it comes
 * from, then the revision (a revised answer supersedes the answer it revises), then arrival.
 *
 * @param value    the string the CRM receives
 * @param at       when the event that set it happened
 * @param revision the answer's revision for scores, 0 otherwise
 * @param eventId  the event that set it
 */
public record PropertyValue(String value, Instant at, int revision, String eventId) {

    public PropertyValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(eventId, "eventId");
        at = at.truncatedTo(ChronoUnit.MILLIS); // what MongoDB keeps, so a stored value compares equal to its event
    }

    /**
     * Whether this value replaces {@code current}: it happened later, or at the same time with a higher revision,
     * or at the same time and revision but from another event (it arrived later, and one contact's events arrive
     * in order). The same event again (a redelivery) never replaces anything, which makes recording idempotent.
     */
    public boolean supersedes(PropertyValue current) {
        if (current == null) {
            return true;
        }
        int byTime = at.compareTo(current.at);
        if (byTime != 0) {
            return byTime > 0;
        }
        if (revision != current.revision) {
            return revision > current.revision;
        }
        return !eventId.equals(current.eventId);
    }
}
