package io.pulseloop.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.support.MessageBuilder;

import io.pulseloop.events.json.EventJson;

class TolerantEventReaderTests {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TolerantEventReader reader = new TolerantEventReader(EventJson.mapper(), meters);

    double skipped(String eventType, String reason) {
        var counter = meters.find(TolerantEventReader.SKIPPED).tags("topic", "greetings.v1", "eventType", eventType,
                "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void readsAKnownMemberOfTheFamily() {
        String json = "{\"eventType\":\"Hello\",\"eventId\":\"e-1\",\"contactId\":\"c-1\",\"count\":2,\"futureField\":1}";

        assertThat(reader.read(json.getBytes(), Greeting.class, "greetings.v1"))
                .contains(new Greeting.Hello("e-1", "c-1", 2));
    }

    @Test
    void skipsAndCountsAnUnknownEventType() {
        String json = "{\"eventType\":\"Wave\",\"eventId\":\"e-2\",\"contactId\":\"c-1\"}";

        assertThat(reader.read(json, Greeting.class, "greetings.v1")).isEmpty();
        assertThat(reader.read(MessageBuilder.withPayload(json.getBytes()).build(), Greeting.class, "greetings.v1"))
                .isEmpty();
        assertThat(skipped("Wave", "unknown-type")).isEqualTo(2);
    }

    @Test
    void skipsAndCountsTombstonesInEveryShape() {
        assertThat(reader.read(null, Greeting.class, "greetings.v1")).isEmpty();
        assertThat(reader.read(KafkaNull.INSTANCE, Greeting.class, "greetings.v1")).isEmpty();
        assertThat(reader.read(new ConsumerRecord<>("greetings.v1", 0, 0L, "c-1", null), Greeting.class,
                "greetings.v1")).isEmpty();
        assertThat(reader.read(new byte[0], Greeting.class, "greetings.v1")).isEmpty();

        assertThat(skipped("none", "tombstone")).isEqualTo(4);
    }

    @Test
    void refusesAKnownTypeItCannotReadNamingTheField() {
        String json = "{\"eventType\":\"Hello\",\"eventId\":\"e-3\",\"contactId\":\"c-1\",\"count\":\"many\"}";

        UnreadableEventException failure = catchThrowableOfType(UnreadableEventException.class,
                () -> reader.read(json, Greeting.class, "greetings.v1"));

        assertThat(failure.field()).isEqualTo("count");
        assertThat(failure.getMessage()).contains("greetings.v1").contains("Hello");
    }

    @Test
    void refusesWhatIsNotJson() {
        UnreadableEventException failure = catchThrowableOfType(UnreadableEventException.class,
                () -> reader.read("{not json", Greeting.class, "greetings.v1"));

        assertThat(failure.field()).isNull();
        assertThat(skipped("none", "tombstone")).isZero();
    }

    @Test
    void knowsTheMembersOfAnnotatedFamiliesSealedTypesAndSingleRecords() {
        assertThat(reader.eventTypesOf(Greeting.class)).containsExactlyInAnyOrder("Hello", "Goodbye");
        assertThat(reader.eventTypesOf(Greeting.Hello.class)).containsExactly("Hello");
    }
}
