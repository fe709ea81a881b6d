package io.pulseloop.testsupport.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it. Thread-safe: services read it on their own threads
 * while the test moves it.
 *
 * <p>{@link #withZone(ZoneId)} returns a view in another zone that shares this clock's instant, so moving either
 * moves both.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> instant;

    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    /**
     * A clock standing at the given instant, in UTC.
     *
     * @param instant where it starts
     * @return the clock
     */
    public static MutableClock at(Instant instant) {
        return at(instant, ZoneOffset.UTC);
    }

    /**
     * A clock standing at the given instant, in the given zone.
     *
     * @param instant where it starts
     * @param zone its zone
     * @return the clock
     */
    public static MutableClock at(Instant instant, ZoneId zone) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")),
                Objects.requireNonNull(zone, "zone"));
    }

    /**
     * A clock standing at the current system time truncated to milliseconds (what MongoDB keeps), in UTC.
     *
     * @return the clock
     */
    public static MutableClock startingNow() {
        return at(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public Instant instant() {
        return this.instant.get();
    }

    @Override
    public ZoneId getZone() {
        return this.zone;
    }

    @Override
    public MutableClock withZone(ZoneId zone) {
        return Objects.equals(zone, this.zone) ? this : new MutableClock(this.instant, zone);
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; zero or positive
     * @return the new instant
     * @throws IllegalArgumentException if the duration is negative: use {@link #setInstant(Instant)} to go back
     */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A clock only advances; use setInstant to go back: " + duration);
        }
        return this.instant.updateAndGet(current -> current.plus(duration));
    }

    /**
     * Sets the clock to any instant, earlier or later.
     *
     * @param instant the new instant
     */
    public void setInstant(Instant instant) {
        this.instant.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + "," + this.zone + "]";
    }
}
