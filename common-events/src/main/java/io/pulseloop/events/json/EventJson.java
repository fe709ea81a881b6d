package io.pulseloop.events.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How events look on the wire: UTF-8 JSON, times as ISO-8601 strings ({@code 2026-11-22T09:00:00Z}),
 * enums by name, and a {@code eventType} property naming the record within a family. Readers ignore
 * properties they do not know, so adding a field never breaks a consumer.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private EventJson() {
    }

    /** A shared, thread-safe mapper with the settings above. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Applies the settings above to a builder, e.g. to Spring's own {@code JsonMapper.Builder}. */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }
}
