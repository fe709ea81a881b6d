package io.pulseloop.survey.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trigger's filters on event and contact attributes: every named attribute must be present and have one of the
 * allowed values (case-insensitive). Event attributes ({@code ticketType}, {@code product}) are looked up first, then
 * contact attributes ({@code accountTier}, {@code region}, {@code branch}, {@code customerStatus}).
 */
public final class TriggerFilters {

    /** The attributes a filter (or a scheduled survey's audience) may name. */
    public static final Set<String> ATTRIBUTES = Set.of("ticketType", "product", "accountTier", "region", "branch",
            "customerStatus");

    private TriggerFilters() {
    }

    /**
     * The first filter that does not match, explained; empty when all match.
     */
    public static Optional<String> mismatch(Map<String, Set<String>> filters, Map<String, String> eventAttributes,
            Map<String, String> contactAttributes) {
        for (Map.Entry<String, Set<String>> filter : filters.entrySet()) {
            String name = filter.getKey();
            String value = eventAttributes.get(name);
            if (value == null) {
                value = contactAttributes.get(name);
            }
            Set<String> allowed = filter.getValue();
            if (allowed == null || allowed.isEmpty()) {
                continue;
            }
            if (value == null) {
                return Optional.of(name + " is unknown; the survey asks for one of " + new TreeSet<>(allowed));
            }
            if (!allowed.contains(value.toLowerCase(Locale.ROOT))) {
                return Optional.of(name + " '" + value + "' is not one of " + new TreeSet<>(allowed));
            }
        }
        return Optional.empty();
    }
}
