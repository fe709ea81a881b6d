package io.pulseloop.response.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
    void shedsAnswersBeyondTheConcurrencyLimitWithoutStoringThem() throws Exception {
        ResponseIntake intake = new ResponseIntake(invitations, store, relay, rateLimits, clock, meters,
                new IntakeProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5), 1,
                        Duration.ZERO));
        TestInvitations.Sent first = known(TestInvitations.nps("en", clock.instant()));
        TestInvitations.Sent second = known(TestInvitations.nps("en", clock.instant()));
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        given(store.insertFirst(any())).willAnswer(invocation -> {
            storing.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        given(relay.publishNow(anyString(), any())).willReturn(true);

        CompletableFuture<AnswerReceipt> inFlight = CompletableFuture.supplyAsync(() -> intake.answer(first.token(),
                new Answer(9, null, Map.of(), false, ResponseChannel.API, "en")));
        assertThat(storing.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatExceptionOfType(IntakeBusyException.class).isThrownBy(() -> intake.answer(second.token(),
                new Answer(5, null, Map.of(), false, ResponseChannel.API, "en")));
        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).created()).isTrue();
        assertThat(meters.counter("pulseloop.response.answers.shed").count()).isEqualTo(1);
    }

    @Test
    void normalisesCommentsToPlainText() {
        assertThat(ResponseIntake.normalise("  Line one\r\nLine two\u0000\u0007\tend  ")).isEqualTo(
                "Line one\nLine two\tend");
    }

    private TestInvitations.Sent known(TestInvitations.Sent sent) {
        given(invitations.findByToken(sent.token())).willReturn(Optional.of(new Invitation(sent.event().tokenHash(),
                sent.event(), null, null, null)));
        return sent;
    }
}
