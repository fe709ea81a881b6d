package io.pulseloop.crmsync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import io.pulseloop.crmsync.inbound.CrmInboundPipeline;
import io.pulseloop.crmsync.inbound.KafkaPublishing;
import io.pulseloop.crmsync.inbound.KafkaSends;
import io.pulseloop.crmsync.inbound.ProcessedEvents;
import io.pulseloop.crmsync.cloudevents.CrmCloudEventReader;
import io.pulseloop.events.crm.inbound.CrmInboundEvent;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;

/**
 * Takes the events of an authentic webhook request: validates all of them first (one invalid event refuses the
 * whole request, naming the field), then hands each valid, not yet processed event to {@code crm.inbound.v1} in
 * structured mode, keyed by contact id (owner id), in request order, and returns once Kafka acknowledged every
 * one. From there the Kafka pipeline treats it like any other CRM event, so webhooks and Kafka share one
 * deduplication and one order per contact. Events processed before are acknowledged without being handed over
 * again (and the pipeline would skip them anyway); unknown types are skipped.
 */
@Component
class WebhookIntake {

    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    static final String RECEIVED_VIA = "pulseloop-received-via";

    private final CrmCloudEventReader reader = new CrmCloudEventReader();
    private final JsonMapper json = EventJson.mapper();
    private final ProcessedEvents processed;
    private final KafkaPublishing publishing;
    private final String inboundTopic;

    /**
     * @param inboundTopic the topic the inbound pipeline reads ({@code crm.inbound.v1}; the binding's destination, so
     *                     webhook and Kafka events always meet in one pipeline, also where the binding is renamed)
     */
    WebhookIntake(ProcessedEvents processed, KafkaPublishing publishing,
            @Value("${spring.cloud.stream.bindings.crmInbound-in-0.destination:" + Topics.CRM_INBOUND + "}")
            String inboundTopic) {
        this.processed = processed;
        this.publishing = publishing;
        this.inboundTopic = inboundTopic;
    }

    /**
     * @throws io.pulseloop.crmsync.cloudevents.InvalidCrmEventException when the body is not valid (nothing is
     *         handed over)
     * @throws org.springframework.kafka.KafkaException when Kafka does not acknowledge in time
     */
    List<EventReceipt> accept(byte[] body) {
        // parsed once (it was three times): each event is forwarded as its JSON, compact (a body padded to 1 MiB
        // would not fit in a Kafka record as it came)
        List<CrmCloudEventReader.Read> read = reader.readSingleOrBatchWithJson(body);
        List<CrmInboundEvent> events = read.stream().map(CrmCloudEventReader.Read::event).toList();
        List<String> ids = events.stream().map(CrmInboundPipeline::canonicalId).toList();
        Set<String> seen = new HashSet<>(processed.alreadyProcessed(ids));
        List<EventReceipt> receipts = new ArrayList<>(events.size());
        KafkaSends sends = publishing.open();
        for (int i = 0; i < events.size(); i++) {
            CrmInboundEvent event = events.get(i);
            String eventId = ids.get(i);
            if (event instanceof CrmInboundEvent.OfUnknownType) {
                receipts.add(EventReceipt.of(event, null, EventReceipt.UNKNOWN_TYPE));
            } else if (!seen.add(eventId)) {
                receipts.add(EventReceipt.of(event, eventId, EventReceipt.DUPLICATE));
            } else {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(inboundTopic, event.key(),
                        json.writeValueAsBytes(read.get(i).json()));
                record.headers().add("content-type", STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                record.headers().add(RECEIVED_VIA, "webhook".getBytes(StandardCharsets.UTF_8));
                sends.send(record);
                receipts.add(EventReceipt.of(event, eventId, EventReceipt.ACCEPTED));
            }
        }
        sends.awaitAcknowledged();
        return receipts;
    }

    /**
     * What became of one event of the request.
     *
     * @param eventId the canonical event id (stable for the same source and id); absent for unknown types
     * @param status  {@code accepted}, {@code duplicate} (processed before: no second effect) or
     *                {@code unknown-type} (skipped)
     */
    record EventReceipt(String id, String source, String type, String eventId, String status) {

        static final String ACCEPTED = "accepted";
        static final String DUPLICATE = "duplicate";
        static final String UNKNOWN_TYPE = "unknown-type";

        static EventReceipt of(CrmInboundEvent event, String eventId, String status) {
            return new EventReceipt(event.attributes().id(), event.attributes().source(), event.attributes().type(),
                    eventId, status);
        }
    }
}
