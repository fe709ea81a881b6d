package io.pulseloop.events.followup;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.pulseloop.events.PulseloopEvent;

/** The events of topic {@code followup.tasks.v1}, keyed by contact id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "eventType")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FollowUpTaskOpened.class, name = "FollowUpTaskOpened"),
    @JsonSubTypes.Type(value = ContactAttemptMade.class, name = "ContactAttemptMade"),
    @JsonSubTypes.Type(value = FollowUpTaskEscalated.class, name = "FollowUpTaskEscalated"),
    @JsonSubTypes.Type(value = FollowUpTaskResolved.class, name = "FollowUpTaskResolved"),
    @JsonSubTypes.Type(value = FollowUpTaskUpdated.class, name = "FollowUpTaskUpdated"),
    @JsonSubTypes.Type(value = FollowUpTaskUnreachable.class, name = "FollowUpTaskUnreachable"),
    @JsonSubTypes.Type(value = FollowUpTaskCancelled.class, name = "FollowUpTaskCancelled")
})
public sealed interface FollowUpTaskEvent extends PulseloopEvent
        permits FollowUpTaskOpened, ContactAttemptMade, FollowUpTaskEscalated, FollowUpTaskResolved,
        FollowUpTaskUpdated, FollowUpTaskUnreachable, FollowUpTaskCancelled {

    String taskId();

    TaskReason reason();

    FollowUpState state();
}
