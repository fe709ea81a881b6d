package io.pulseloop.crmsync.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class WriteBackDispatcherTests {

    @Test
    void withoutBaseUrlStaysOffAndSaysWhyInsteadOfCrashing(CapturedOutput output) {
        WriteBackOutbox outbox = mock(WriteBackOutbox.class);
        given(outbox.pendingContacts()).willReturn(3L);
        CrmWriteBackProperties unset = new CrmWriteBackProperties(" ", null, new CrmWriteBackProperties.WriteBack(
                Duration.ofMillis(250), 4, Duration.ofMinutes(2), Duration.ofSeconds(5),
                Duration.ofMinutes(10), Duration.ofSeconds(10)));
        WriteBackDispatcher dispatcher = new WriteBackDispatcher(outbox, null, unset, null, Clock.systemUTC());

        dispatcher.start();

        assertThat(dispatcher.isRunning()).isFalse();
        assertThat(output).contains("CRM write-back is DISABLED", "PULSELOOP_CRM_BASE_URL", "3 contacts pending");
        dispatcher.stop();
    }
}
