package io.pulseloop.crmsync.writeback.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContactWriteBackTests {

    private static final Instant T1 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);

    @Test
    void newerValueSupersedesAndBecomesPending() {
        ContactWriteBack state = ContactWriteBack.empty();
        state.apply(List.of(change("p", "1", T1, 1, "e1")));

        assertThat(state.apply(List.of(change("p", "2", T2, 1, "e2")))).containsExactly("p");
        assertThat(state.pendingValues()).isEqualTo(Map.of("p", "2"));
    }

    @Test
    void olderValueArrivingLateChangesNothing() {
        ContactWriteBack state = ContactWriteBack.empty();
        state.apply(List.of(change("p", "2", T2, 1, "e2")));

        assertThat(state.apply(List.of(change("p", "1", T1, 1, "e1")))).isEmpty();
        assertThat(state.pendingValues()).isEqualTo(Map.of("p", "2"));
    }

    @Test
    void redeliveredEventChangesNothing() {
        ContactWriteBack state = ContactWriteBack.empty();
        state.apply(List.of(change("p", "1", T1, 1, "e1")));
        state.acknowledge(Map.of("p", value("1", T1, 1, "e1")));

        assertThat(state.apply(List.of(change("p", "1", T1, 1, "e1")))).isEmpty();
        assertThat(state.hasPending()).isFalse();
    }

    @Test
    void higherRevisionAtSameTimeSupersedes() {
        assertThat(value("9", T1, 2, "r2").supersedes(value("3", T1, 1, "r1"))).isTrue();
        assertThat(value("3", T1, 1, "r1").supersedes(value("9", T1, 2, "r2"))).isFalse();
    }

    @Test
    void laterArrivalAtSameTimeAndRevisionSupersedes() {
        assertThat(value("true", T1, 0, "b").supersedes(value("false", T1, 0, "a"))).isTrue();
    }

    @Test
    void acknowledgingKeepsValuesThatChangedSinceTheyWereSent() {
        ContactWriteBack state = ContactWriteBack.empty();
        state.apply(List.of(change("a", "1", T1, 0, "e1"), change("b", "x", T1, 0, "e1")));
        Map<String, PropertyValue> sent = Map.of("a", value("1", T1, 0, "e1"), "b", value("x", T1, 0, "e1"));
        state.apply(List.of(change("a", "2", T2, 0, "e2")));

        state.acknowledge(sent);

        assertThat(state.pendingValues()).isEqualTo(Map.of("a", "2"));
    }

    @Test
    void truncatesTimesToMillisecondsSoStoredValuesCompareEqual() {
        Instant precise = T1.plusNanos(123_456_789);
        assertThat(value("1", precise, 0, "e").supersedes(value("1", T1.plusMillis(123), 0, "e"))).isFalse();
    }

    private static PropertyChange change(String property, String value, Instant at, int revision, String eventId) {
        return new PropertyChange(property, value(value, at, revision, eventId));
    }

    private static PropertyValue value(String value, Instant at, int revision, String eventId) {
        return new PropertyValue(value, at, revision, eventId);
    }
}
