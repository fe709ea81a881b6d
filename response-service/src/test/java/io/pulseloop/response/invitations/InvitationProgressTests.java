package io.pulseloop.response.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulseloop.response.invitations.InvitationProgress.Snapshot;

class InvitationProgressTests {

    @Test
    void isCaughtUpWhenEveryPartitionIsReadUpToItsEnd() {
        assertThat(new Snapshot(Map.of(0, 5L, 1, 0L), Map.of(0, 5L)).caughtUp()).isTrue();
        assertThat(new Snapshot(Map.of(), Map.of()).caughtUp()).as("no topic, no invitation").isTrue();
    }

    @Test
    void isBehindWhilePartitionIsReadBelowItsEndOrNotAtAll() {
        assertThat(new Snapshot(Map.of(0, 5L, 1, 3L), Map.of(0, 5L, 1, 2L)).caughtUp()).isFalse();
        assertThat(new Snapshot(Map.of(0, 5L, 1, 3L), Map.of(0, 5L)).caughtUp()).isFalse();
    }

    @Test
    void hasReadEarlierEndOffsetsOnceEveryPartitionPassedThem() {
        Map<Integer, Long> seenByTheRequest = Map.of(0, 5L, 1, 3L);

        Snapshot later = new Snapshot(Map.of(0, 9L, 1, 7L), Map.of(0, 6L, 1, 3L));

        assertThat(later.caughtUp()).as("newer records are still unread").isFalse();
        assertThat(later.hasRead(seenByTheRequest)).as("but all those published before the request are read")
                .isTrue();
        assertThat(new Snapshot(Map.of(0, 9L, 1, 7L), Map.of(0, 6L, 1, 2L)).hasRead(seenByTheRequest)).isFalse();
    }
}
