package io.pulseloop.events.jmh;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.Consent;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveyContext;

/**
 * The published language's (de)serialisation: a canonical event written and read with {@link EventJson}'s mapper,
 * as every producer and consumer does once per event. {@code ContactUpserted} goes through its family
 * ({@code CrmContactEvent}, with the {@code eventType} property), as on {@code crm.contacts.v1}; {@code ScoreRecorded}
 * as the concrete record, as on {@code response.scores.v1}. Run with {@code -Pjmh} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventJsonJmh {

    private static final Instant AT = Instant.parse("2026-11-22T09:30:00Z");

    private final ObjectWriter contactWriter = EventJson.mapper().writerFor(CrmContactEvent.class);
    private final ObjectReader contactReader = EventJson.mapper().readerFor(CrmContactEvent.class);
    private final ObjectWriter scoreWriter = EventJson.mapper().writerFor(ScoreRecorded.class);
    private final ObjectReader scoreReader = EventJson.mapper().readerFor(ScoreRecorded.class);

    private final ContactUpserted contact = new ContactUpserted("6f1c2a0e-3d1b-3c55-9a51-2d8f0e1b7c42", AT, "c-42",
            "6f1c2a0e-3d1b-3c55-9a51-2d8f0e1b7c42", "crm://acme-hubspot", "evt-c-42",
            // sealed as crm-sync publishes them (pii:v1:<key id>:<base64url>)
            "pii:v1:crm-sync/c-42:q8Yk3m0zQ2VfJ9yX1a7oWcHhLr4uTnB6pD5sE0gKiVjM2xZ8bNfA1wYtU3eR7oIqP9lS",
            "pii:v1:crm-sync/c-42:Zp4Rk7VnT2xQ9bLw0cY3mJ8sHf6dA1gE5uK",
            "pii:v1:crm-sync/c-42:Hq2Vt8Lm5Xc0Rb7Yn3Wk9Pf1Sd4Ga6Ju2Ez",
            "a-42", "Acme CZ s.r.o.", AccountTier.KEY, "CEE", "Brno", "o-7", "cs", "Europe/Prague",
            CustomerStatus.CUSTOMER, new Consent(true, false), false);
    private final ScoreRecorded score = new ScoreRecorded("0b7e5d1a-8c2f-4e3a-9d6b-1f0a2c3e4d5f", AT, "c-42",
            "2d9c1b7e-5a3f-4c8d-b6e1-0f9a8b7c6d5e", "r-8842", "i-8842", 1, "support-csat", 3, Metric.NPS, 4,
            ScoreCategory.DETRACTOR, "The technician came late twice and the router still restarts every evening.",
            Map.of("improve", "speed", "recommend-reason", "price"), "cs", ResponseChannel.EMAIL_LINK,
            AT.minusSeconds(3_600),
            new SurveyContext("a-42", "Acme CZ s.r.o.", AccountTier.KEY, CustomerStatus.CUSTOMER, "CEE", "Brno",
                    "o-7", "crm.ticket.closed", "6f1c2a0e-3d1b-3c55-9a51-2d8f0e1b7c42", "t-42", "repair", "tech-3",
                    null, null, null, null));

    private byte[] contactJson;
    private byte[] scoreJson;

    @Setup
    public void setUp() {
        contactJson = writeContactUpserted();
        scoreJson = writeScoreRecorded();
        if (!contact.equals(readContactUpserted()) || !score.equals(readScoreRecorded())) {
            throw new IllegalStateException("the sample events do not round-trip");
        }
    }

    @Benchmark
    public byte[] writeContactUpserted() {
        return contactWriter.writeValueAsBytes(contact);
    }

    @Benchmark
    public CrmContactEvent readContactUpserted() {
        return contactReader.readValue(contactJson);
    }

    @Benchmark
    public byte[] writeScoreRecorded() {
        return scoreWriter.writeValueAsBytes(score);
    }

    @Benchmark
    public ScoreRecorded readScoreRecorded() {
        return scoreReader.readValue(scoreJson);
    }
}
