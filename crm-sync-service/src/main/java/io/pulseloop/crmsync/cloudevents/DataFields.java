package io.pulseloop.crmsync.cloudevents;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/** Typed, validating access to the members of one JSON object; every failure names the member. */
final class DataFields {

    private final JsonNode node;
    private final String path;

    DataFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String requiredText(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw invalid(name, "is required");
        }
        return value;
    }

    String text(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber()) {
            return value.asString();
        }
        throw invalid(name, "must be a string");
    }

    String requiredEmail(String name) {
        String value = requiredText(name).trim();
        int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@') || at == value.length() - 1 || value.contains(" ")) {
            throw invalid(name, "must be an email address");
        }
        return value;
    }

    Instant requiredTime(String name) {
        Instant value = time(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    Instant time(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw invalid(name, "must be an RFC 3339 date-time, e.g. 2026-11-22T09:30:00Z");
        }
    }

    Boolean bool(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw invalid(name, "must be true or false");
        }
        return value.booleanValue();
    }

    BigDecimal decimal(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.stringValue());
            } catch (NumberFormatException e) {
                throw invalid(name, "must be a number");
            }
        }
        throw invalid(name, "must be a number");
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        throw invalid(name, "must be one of " + allowed);
    }

    String languageTag(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(value.trim());
        if (locale.getLanguage().isEmpty()) {
            throw invalid(name, "must be a BCP 47 language tag, e.g. cs, pl, en-GB");
        }
        return locale.toLanguageTag();
    }

    String zoneId(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return ZoneId.of(value.trim()).getId();
        } catch (DateTimeException e) {
            throw invalid(name, "must be an IANA time zone, e.g. Europe/Prague");
        }
    }

    DataFields object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(name, "must be an object");
        }
        return new DataFields(value, qualified(name));
    }

    InvalidCrmEventException invalid(String name, String reason) {
        return new InvalidCrmEventException(qualified(name), reason);
    }

    private String qualified(String name) {
        return path == null ? name : path + "." + name;
    }
}
