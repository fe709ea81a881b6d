package io.pulseloop.platform.privacy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pulseloop.platform.events.UnreadableEventException;

/**
 * Opens sealed personal fields for a reader of events.
 *
 * <pre>{@code
 * ContactUpserted contact = opener.openAll(event);   // every sealed String (also in maps, lists, nested records)
 * String comment = opener.open(score.comment());     // one field
 * }</pre>
 *
 * <table>
 * <caption>What a sealed field opens to</caption>
 * <tr><th>the key</th><th>result</th></tr>
 * <tr><td>known</td><td>the clear text</td></tr>
 * <tr><td>erased</td><td>{@code null}: the field is absent, the event is still processed (scores still count)</td></tr>
 * <tr><td>not received yet</td><td>after waiting up to {@code pulseloop.pii.key-wait}:
 * {@link ContactKeyUnavailableException}, retryable (then the dead-letter topic with that cause)</td></tr>
 * <tr><td>known, but the ciphertext does not match it (tampered, truncated)</td><td>{@link UnreadableEventException}:
 * never readable, dead-lettered at once</td></tr>
 * </table>
 *
 * A value that is not sealed (an event from before sealing, a non-personal field) is returned as it is.
 */
public class PersonalDataOpener {

    private final ContactKeyStore store;
    private final Duration keyWait;

    public PersonalDataOpener(ContactKeyStore store, Duration keyWait) {
        this.store = store;
        this.keyWait = keyWait;
    }

    /**
     * @return the clear text, the value itself when it is not sealed, or {@code null} when its key is erased
     * @throws ContactKeyUnavailableException when its key has not arrived (retryable)
     * @throws UnreadableEventException       when it cannot be opened with its key (not retryable)
     */
    public String open(String value) {
        if (!SealedField.isSealed(value)) {
            return value;
        }
        SealedField.Parsed parsed;
        try {
            parsed = SealedField.parse(value);
        } catch (IllegalArgumentException malformed) {
            throw new UnreadableEventException("A sealed personal field is malformed: " + malformed.getMessage(), null,
                    malformed);
        }
        ContactKeyStore.KeyState state = store.await(parsed.keyId(), keyWait)
                .orElseThrow(() -> new ContactKeyUnavailableException(parsed.keyId()));
        if (state.erased()) {
            return null;
        }
        try {
            return new String(Aes.decrypt(state.key(), parsed.nonceAndCiphertext(),
                    parsed.keyId().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException tampered) {
            throw new UnreadableEventException("A sealed personal field does not open with its key "
                    + parsed.keyId() + " (altered or truncated)", null, tampered);
        }
    }

    /**
     * The event with every sealed text opened: {@code String} components of records (nested records too), the values
     * of {@code Map}s and the elements of {@code List}s (entries whose key is erased are left out). Returns the same
     * instance when nothing was sealed.
     */
    @SuppressWarnings("unchecked")
    public <T> T openAll(T event) {
        return (T) openValue(event);
    }

    private Object openValue(Object value) {
        if (value instanceof String text) {
            return open(text);
        }
        if (value instanceof Record record) {
            return openRecord(record);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> opened = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object v = openValue(entry.getValue());
                changed |= v != entry.getValue();
                if (v != null || entry.getValue() == null) {
                    opened.put(entry.getKey(), v);
                }
            }
            return changed ? opened : map;
        }
        if (value instanceof List<?> list) {
            List<Object> opened = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object element : list) {
                Object v = openValue(element);
                changed |= v != element;
                if (v != null || element == null) {
                    opened.add(v);
                }
            }
            return changed ? opened : list;
        }
        return value;
    }

    private Object openRecord(Record record) {
        RecordShape shape = SHAPES.get(record.getClass());
        Object[] values = new Object[shape.accessors.length];
        boolean changed = false;
        try {
            for (int i = 0; i < values.length; i++) {
                Object original = shape.accessors[i].invoke(record);
                values[i] = shape.primitive[i] ? original : openValue(original);
                changed |= values[i] != original;
            }
            if (!changed) {
                return record;
            }
            return shape.constructor.newInstance(values);
        } catch (InvocationTargetException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("Cannot open the personal fields of " + record.getClass().getName(),
                    failed);
        } catch (ReflectiveOperationException inaccessible) {
            throw new IllegalStateException("Cannot open the personal fields of " + record.getClass().getName(),
                    inaccessible);
        }
    }

    /**
     * A record type's accessors and canonical constructor, looked up once per type: looking them up for every event
     * was most of {@link #openAll}'s 25 µs per contact event (JMH, {@code PersonalDataSealingJmh}), paid by every
     * service that reads {@code crm.contacts.v1}.
     */
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private static final class RecordShape {

        private final Method[] accessors;
        private final boolean[] primitive;
        private final Constructor<?> constructor;

        RecordShape(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            accessors = new Method[components.length];
            primitive = new boolean[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
                primitive[i] = components[i].getType().isPrimitive();
            }
            try {
                constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
            } catch (NoSuchMethodException impossible) {
                throw new IllegalStateException("A record without its canonical constructor: " + type.getName(),
                        impossible);
            }
        }
    }
}
