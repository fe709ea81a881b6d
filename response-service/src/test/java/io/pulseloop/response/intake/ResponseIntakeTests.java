package io.pulseloop.response.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.response.ratelimit.RateLimitProperties;
import io.pulseloop.response.ratelimit.RateLimits;
import io.pulseloop.testsupport.time.MutableClock;

class ResponseIntakeTests {

    private final MutableClock clock = MutableClock.startingNow();
    private final InvitationDirectory invitations = mock(InvitationDirectory.class);
    private final ResponseStore store = mock(ResponseStore.class);
    private final OutboxRelay relay = mock(OutboxRelay.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimits rateLimits = new RateLimits(new RateLimitProperties(
            new RateLimitProperties.Limit(1000, Duration.ofMinutes(1)),
            new RateLimitProperties.Limit(1000, Duration.ofMinutes(1)), 1000), clock, meters);

    @Test
    void admissionShedsAnswersBeyondTheConcurrencyLimitAtOnceAndFreesSlotsWhenTheyComplete() {
        IntakeAdmission admission = new IntakeAdmission(new IntakeProperties(Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMinutes(5), 1, 8, Duration.ZERO), meters);

        IntakeAdmission.Permit first = admission.admit();
        long started = System.nanoTime();
        assertThatExceptionOfType(IntakeBusyException.class).isThrownBy(admission::admit);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
        first.close();
        first.close();

        assertThat(admission.available()).as("closing twice frees one slot").isEqualTo(1);
        admission.admit().close();
        assertThat(meters.counter("pulseloop.response.answers.shed").count()).isEqualTo(1);
    }

    @Test
    void aBurstWaitsForASlotButOnlyUpToMaxWaitingAndTheRestAreShedAtOnce() throws Exception {
        IntakeAdmission admission = new IntakeAdmission(new IntakeProperties(Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMinutes(5), 1, 1, Duration.ofSeconds(30)), meters);
        IntakeAdmission.Permit first = admission.admit();
        CompletableFuture<IntakeAdmission.Permit> waiter = CompletableFuture.supplyAsync(admission::admit);
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.waiting() == 1);

        long started = System.nanoTime();
        assertThatExceptionOfType(IntakeBusyException.class).as("a second waiter beyond max-waiting 1")
                .isThrownBy(admission::admit);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not the 30 s busy-wait")
                .isLessThan(Duration.ofSeconds(5));
        first.close();

        waiter.get(10, TimeUnit.SECONDS).close();
        assertThat(admission.available()).isEqualTo(1);
        assertThat(admission.waiting()).isZero();
    }

    @Test
    void recordsAFirstAnswerAndPublishesIt() {
        ResponseIntake intake = new ResponseIntake(invitations, mock(UnknownLinks.class), store, relay, rateLimits,
                clock, meters, PassThroughSealer.create());
        TestInvitations.Sent sent = known(TestInvitations.nps("en", clock.instant()));
        given(store.insertFirst(any())).willReturn(true);
        given(relay.publishNow(anyString(), any())).willReturn(false);

        AnswerReceipt receipt = intake.answer(sent.token(), new Answer(9, null, Map.of(), false, ResponseChannel.API,
                "en"));

        assertThat(receipt.created()).isTrue();
        assertThat(receipt.published()).as("Kafka too slow: stored, left to the relay").isFalse();
    }

    @Test
    void normalisesCommentsToPlainText() {
        assertThat(ResponseIntake.normalise("  Line one\r\nLine two\u0000\u0007\tend  ")).isEqualTo(
                "Line one\nLine two\tend");
    }

    private TestInvitations.Sent known(TestInvitations.Sent sent) {
        given(invitations.findByToken(sent.token())).willReturn(Optional.of(new Invitation(sent.event().tokenHash(),
                sent.event(), null, null, null, null)));
        return sent;
    }
}
