package io.pulseloop.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.followup.FollowUpState;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.followup.FollowUpTaskOpened;
import io.pulseloop.events.followup.TaskReason;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveyContext;

class EventJsonTests {

    private static final Instant AT = Instant.parse("2026-11-22T09:30:00Z");

    @Test
    void writesTimesAsIsoStringsAndNamesTheEventType() {
        String json = EventJson.mapper().writerFor(CrmContactEvent.class).writeValueAsString(ticket());

        assertThat(json).contains("\"eventType\":\"TicketClosed\"").contains("\"occurredAt\":\"2026-11-22T09:30:00Z\"");
    }

    @Test
    void readsAFamilyMemberBackByItsEventType() {
        String json = EventJson.mapper().writerFor(CrmContactEvent.class).writeValueAsString(ticket());

        assertThat(EventJson.mapper().readValue(json, CrmContactEvent.class)).isEqualTo(ticket());
    }

    @Test
    void includesTheEventTypeWhenWrittenAsTheConcreteRecord() {
        String json = EventJson.mapper().writeValueAsString(ticket());

        assertThat(EventJson.mapper().readValue(json, CrmContactEvent.class)).isEqualTo(ticket());
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = """
                {"eventType":"FollowUpTaskOpened","eventId":"e1","occurredAt":"2026-11-22T09:30:00Z",
                 "contactId":"c1","correlationId":"k","taskId":"t1","reason":"DETRACTOR","assigneeId":"o1",
                 "dueAt":"2026-11-23T09:30:00Z","state":{"openTasks":1,"marketingPaused":true,"future":1},
                 "addedInAFutureVersion":{"x":1}}
                """;

        FollowUpTaskEvent event = EventJson.mapper().readValue(json, FollowUpTaskEvent.class);

        assertThat(event).isInstanceOf(FollowUpTaskOpened.class);
        assertThat(event.state()).isEqualTo(new FollowUpState(1, true));
        assertThat(event.reason()).isEqualTo(TaskReason.DETRACTOR);
    }

    @Test
    void roundTripsAScoreWithItsContextSnapshot() {
        ScoreRecorded score = new ScoreRecorded("e", AT, "c-1", "k", "r-1", "i-1", 2, "relationship-nps", 3,
                Metric.NPS, 4, ScoreCategory.DETRACTOR, "Slow \"support\" <b>", Map.of("improve", "speed"), "cs",
                ResponseChannel.EMAIL_LINK, AT.minusSeconds(60),
                new SurveyContext("a-1", "Acme", null, null, "CEE", "Brno", "o-1", "crm.deal.won", "t-e", null, null,
                        null, "d-1", "fiber", null, "CZK"));

        String json = EventJson.mapper().writeValueAsString(score);

        assertThat(EventJson.mapper().readValue(json, ScoreRecorded.class)).isEqualTo(score);
        assertThat(List.of(json)).allSatisfy(text -> assertThat(text).contains("\"metric\":\"NPS\""));
    }

    private static TicketClosed ticket() {
        return new TicketClosed("e1", AT, "c1", "e1", "crm://acme", "src-1", "t1", AT, "repair", "tech", "subj");
    }
}
