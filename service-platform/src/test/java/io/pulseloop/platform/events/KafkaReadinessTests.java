package io.pulseloop.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.time.MutableClock;

class KafkaReadinessTests {

    final MutableClock clock = MutableClock.startingNow();
    final List<ReadinessState> published = new ArrayList<>();
    final AtomicBoolean brokerAnswers = new AtomicBoolean(true);
    final KafkaReadiness readiness = new KafkaReadiness(brokerAnswers::get, () -> { }, event -> {
        if (event instanceof AvailabilityChangeEvent<?> change && change.getState() instanceof ReadinessState state) {
            published.add(state);
        }
    }, clock, Duration.ofSeconds(30));

    @Test
    void refusesTrafficOnlyAfterTheBrokerWasUnreachableForTheGracePeriod() {
        // given
        readiness.check();
        brokerAnswers.set(false);

        // when: a blip shorter than the grace period, then a real outage
        readiness.check();
        clock.advance(Duration.ofSeconds(29));
        readiness.check();
        List<ReadinessState> duringBlip = List.copyOf(published);
        clock.advance(Duration.ofSeconds(1));
        readiness.check();

        // then
        assertThat(duringBlip).isEmpty();
        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC);
        assertThat(readiness.refusing()).isTrue();
    }

    @Test
    void acceptsTrafficAgainAtTheFirstAnswer() {
        brokerAnswers.set(false);
        readiness.check();
        clock.advance(Duration.ofMinutes(1));
        readiness.check();

        brokerAnswers.set(true);
        readiness.check();
        readiness.check();

        assertThat(published).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Test
    void saysTheBrokerIsUnreachableFromTheSecondFailedCheckInARowUntilTheNextAnswer() {
        readiness.check();
        boolean beforeOutage = readiness.brokerUnreachable();

        brokerAnswers.set(false);
        readiness.check();
        boolean afterOneFailedCheck = readiness.brokerUnreachable();
        readiness.check();
        boolean afterTwo = readiness.brokerUnreachable();
        brokerAnswers.set(true);
        readiness.check();

        assertThat(beforeOutage).isFalse();
        assertThat(afterOneFailedCheck).as("one probe timing out on a loaded machine").isFalse();
        assertThat(afterTwo).as("within the grace period, readiness still up").isTrue();
        assertThat(readiness.refusing()).isFalse();
        assertThat(readiness.brokerUnreachable()).isFalse();
    }

    @Test
    void probesARealBrokerWithinItsTimeout() {
        String broker = SharedInfrastructure.get().kafkaBootstrapServers();
        try (Admin reachable = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker));
                Admin unreachable = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
            long start = System.nanoTime();

            assertThat(KafkaReadiness.reachable(reachable, Duration.ofSeconds(10))).isTrue();
            assertThat(KafkaReadiness.reachable(unreachable, Duration.ofSeconds(2))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }
}
