package io.pulseloop.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class OpenLoopLoadTests {

    @Test
    void requestsComeFromTheBenchmarkingRangeEachAddressInTurn() {
        Set<String> addresses = new HashSet<>();
        IntStream.range(0, 1 << 17).forEach(i -> addresses.add(OpenLoopLoad.clientAddress(i)));

        assertThat(addresses).hasSize(1 << 17).allMatch(address -> address.matches("198\\.1[89]\\.\\d{1,3}\\.\\d{1,3}"));
        assertThat(OpenLoopLoad.clientAddress(0)).isEqualTo("198.18.0.0");
        assertThat(OpenLoopLoad.clientAddress((1 << 17) - 1)).isEqualTo("198.19.255.255");
        assertThat(OpenLoopLoad.clientAddress(1 << 17)).as("then again from the start").isEqualTo("198.18.0.0");
    }
}
