package io.pulseloop.events.signal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.pulseloop.events.PulseloopEvent;

/** The events of topic {@code analytics.signals.v1}, keyed by contact id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "eventType")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChurnRiskDetected.class, name = "ChurnRiskDetected"),
    @JsonSubTypes.Type(value = ChurnRiskCleared.class, name = "ChurnRiskCleared"),
    @JsonSubTypes.Type(value = UpsellOpportunityDetected.class, name = "UpsellOpportunityDetected"),
    @JsonSubTypes.Type(value = UpsellOpportunityWithdrawn.class, name = "UpsellOpportunityWithdrawn")
})
public sealed interface SignalEvent extends PulseloopEvent
        permits ChurnRiskDetected, ChurnRiskCleared, UpsellOpportunityDetected, UpsellOpportunityWithdrawn {

    String accountId();
}
