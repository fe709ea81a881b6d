package io.pulseloop.platform.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A small event family for the tests, shaped like common-events' families ({@code eventType} discriminator). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "eventType")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Greeting.Hello.class, name = "Hello"),
    @JsonSubTypes.Type(value = Greeting.Goodbye.class, name = "Goodbye")
})
public sealed interface Greeting {

    String eventId();

    record Hello(String eventId, String contactId, int count) implements Greeting {
    }

    record Goodbye(String eventId, String contactId) implements Greeting {
    }
}
