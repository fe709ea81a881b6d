package io.pulseloop.response.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.pulseloop.response.ratelimit.RateLimitProperties.Limit;
import io.pulseloop.testsupport.time.MutableClock;

class RateLimitsTests {

    private final RateLimits limits = new RateLimits(new RateLimitProperties(new Limit(1, Duration.ofMinutes(1)),
            new Limit(1, Duration.ofMinutes(1)), 1_000), MutableClock.startingNow(), new SimpleMeterRegistry());

    @Test
    void twoAddressesOfOneIpv6Slash64ShareABucket() {
        limits.checkAddress("2001:db8:1:2::1");

        assertThatThrownBy(() -> limits.checkAddress("2001:db8:1:2:ffff:ffff:ffff:9"))
                .isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> limits.checkAddress("2001:0db8:0001:0002:0000:0000:0000:0042%eth0"))
                .as("another spelling of the same /64").isInstanceOf(RateLimitedException.class);
        limits.checkAddress("2001:db8:1:3::1");
    }

    @Test
    void ipv4AddressesAreLimitedOneByOneAndAMappedIpv6AddressIsItsIpv4Client() {
        limits.checkAddress("192.0.2.1");
        limits.checkAddress("192.0.2.2");

        assertThatThrownBy(() -> limits.checkAddress("::ffff:192.0.2.1")).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void keysAreTheSlash64OrTheAddress() {
        assertThat(ClientKeys.of("2001:db8:1:2:3:4:5:6")).isEqualTo("20010db800010002::/64");
        assertThat(ClientKeys.of("[2001:db8:1:2::7]")).isEqualTo("20010db800010002::/64");
        assertThat(ClientKeys.of("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientKeys.of("not:an:address")).isEqualTo("not:an:address");
    }
}
