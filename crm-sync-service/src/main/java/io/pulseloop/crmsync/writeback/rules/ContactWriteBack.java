package io.pulseloop.crmsync.writeback.rules;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Pulseloop last decided about one contact's CRM properties, and which of them the CRM has not received yet.
 * Updates coalesce: while the CRM is unreachable only the newest value of each property is kept, and that is what
 * goes out when it is back. Not thread-safe; persisted with optimistic locking.
 *
 * @param properties the newest known value of each property
 * @param pending    the properties whose newest value the CRM has not acknowledged
 */
public record ContactWriteBack(Map<String, PropertyValue> properties, Set<String> pending) {

    public ContactWriteBack {
        properties = new LinkedHashMap<>(properties);
        pending = new LinkedHashSet<>(pending);
    }

    public static ContactWriteBack empty() {
        return new ContactWriteBack(Map.of(), Set.of());
    }

    /**
     * Applies changes that supersede the known values (see {@link PropertyValue#supersedes}) and marks them
     * pending.
     *
     * @return the properties that changed; empty if every change was older or a redelivery
     */
    public Set<String> apply(List<PropertyChange> changes) {
        Set<String> changed = new LinkedHashSet<>();
        for (PropertyChange change : changes) {
            PropertyValue current = properties.get(change.property());
            if (change.value().supersedes(current)) {
                properties.put(change.property(), change.value());
                pending.add(change.property());
                changed.add(change.property());
            }
        }
        return changed;
    }

    /** The request body's properties: the pending ones with their newest values. */
    public Map<String, String> pendingValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String property : pending) {
            PropertyValue value = properties.get(property);
            if (value != null) {
                values.put(property, value.value());
            }
        }
        return values;
    }

    /**
     * Marks as delivered the properties the CRM acknowledged, unless a newer value arrived meanwhile (which then
     * stays pending).
     *
     * @param delivered property to the value that was sent
     */
    public void acknowledge(Map<String, PropertyValue> delivered) {
        delivered.forEach((property, sent) -> {
            if (sent.equals(properties.get(property))) {
                pending.remove(property);
            }
        });
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }
}
