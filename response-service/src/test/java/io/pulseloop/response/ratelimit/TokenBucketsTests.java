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
}
