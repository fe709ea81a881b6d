package io.pulseloop.response.publishing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids. An event id must be unique, not secret, so it does not come from {@link UUID#randomUUID()}: that
 * draws from one shared {@code SecureRandom}, on which request threads were seen queueing at 2,000 answers/s
 * (issue 10). A new id is a version-7 UUID (milliseconds since the epoch, then 74 random bits from the calling
 * thread's own generator): unique for all practical purposes and roughly ordered by time. Invitation tokens, which
 * are secrets, are made by survey-service from a {@code SecureRandom}; nothing here makes one.
 */
public final class EventIds {

    private EventIds() {
    }

    /** A fresh id: a version-7 UUID, no shared lock. */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long most = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least).toString();
    }

    /** The same id every time for the same name: for events that must be recognisable as repeats. */
    public static String nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
