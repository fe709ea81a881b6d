package io.pulseloop.response.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.pulseloop.testsupport.time.MutableClock;

class TokenBucketsTests {

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void allowsTheCapacityAtOnceThenRefusesWithTheTimeToTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(clock, 3, Duration.ofMinutes(1), 100);

        assertThat(buckets.tryAcquire("a").allowed()).isTrue();
        assertThat(buckets.tryAcquire("a").allowed()).isTrue();
        assertThat(buckets.tryAcquire("a").allowed()).isTrue();
        TokenBuckets.Decision refused = buckets.tryAcquire("a");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        assertThat(buckets.tryAcquire("b").allowed()).as("other keys have their own bucket").isTrue();
    }

    @Test
    void refillsContinuouslyAsTimeMoves() {
        TokenBuckets buckets = new TokenBuckets(clock, 2, Duration.ofSeconds(10), 100);
        buckets.tryAcquire("a");
        buckets.tryAcquire("a");
        assertThat(buckets.tryAcquire("a").allowed()).isFalse();

        clock.advance(Duration.ofSeconds(5));

        assertThat(buckets.tryAcquire("a").allowed()).isTrue();
        assertThat(buckets.tryAcquire("a").allowed()).isFalse();
    }

    @Test
    void dropsIdleBucketsToStayWithinMaxKeys() {
        TokenBuckets buckets = new TokenBuckets(clock, 1, Duration.ofSeconds(1), 2);
        buckets.tryAcquire("a");
        buckets.tryAcquire("b");
        clock.advance(Duration.ofSeconds(2));

        buckets.tryAcquire("c");

        assertThat(buckets.trackedKeys()).isEqualTo(1);
    }

    @Test
    void sprayingTenThousandAddressesDoesNotResetALimitedClient() {
        TokenBuckets buckets = new TokenBuckets(clock, 5, Duration.ofMinutes(1), 1_000);
        for (int i = 0; i < 5; i++) {
            buckets.tryAcquire("limited");
        }
        assertThat(buckets.tryAcquire("limited").allowed()).isFalse();

        for (int i = 0; i < 10_000; i++) {
            buckets.tryAcquire("sprayed-" + i);
            if (i % 100 == 0) {
                // the limited client keeps trying while the spray goes on
                assertThat(buckets.tryAcquire("limited").allowed()).as("after %d sprayed addresses", i).isFalse();
            }
        }

        assertThat(buckets.tryAcquire("limited").allowed()).as("still limited after the spray").isFalse();
        assertThat(buckets.trackedKeys()).as("memory stays bounded").isLessThanOrEqualTo(1_000);
    }
}
