package io.pulseloop.events.topic;

import java.util.List;

/**
 * One topic of the catalogue.
 *
 * @param name       {@code <domain>.<stream>.v<N>}; a breaking change of its events is a new {@code N}
 * @param eventType  the record (or sealed family of records) its values deserialise to; for
 *                   {@code crm.inbound.v1}, the CRM's own CloudEvents, read by crm-sync-service's {@code CrmCloudEventReader}
 * @param key        what the record key holds
 * @param producer   the one service (or external party) that writes it
 * @param consumers  the services that read it
 * @param <E>        the value type
 */
public record TopicSpec<E>(String name, Class<E> eventType, String key, String producer, List<String> consumers) {
}
