package io.pulseloop.response.intake;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.List;

import io.pulseloop.platform.privacy.PersonalDataSealer;

/** For unit tests of the intake without MongoDB or Kafka: a sealer whose "sealed" fields are the clear values. */
final class PassThroughSealer {

    private PassThroughSealer() {
    }

    static PersonalDataSealer create() {
        PersonalDataSealer sealer = mock(PersonalDataSealer.class);
        PersonalDataSealer.Sealing sealing = mock(PersonalDataSealer.Sealing.class);
        given(sealer.prepareForOutbox(any())).willReturn(sealing);
        given(sealing.seal(any(), any())).willAnswer(call -> call.getArgument(1));
        given(sealing.sealValues(any(), any())).willAnswer(call -> call.getArgument(1));
        given(sealing.keyRecords()).willReturn(List.of());
        return sealer;
    }
}
