package io.pulseloop.platform.privacy;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.privacy.ContactKey;

/**
 * Keeps this service's copies of the data keys up to date from the contact-keys topic, a poll's batch at a time in one
 * ordered bulk write ({@link ContactKeyStore#apply}): a key record is stored (never over an erased key), an
 * {@code ERASED} marker (or a tombstone) replaces the copy by the marker. A value that cannot be read is logged and
 * skipped: it carries no event, and retrying it could never succeed.
 *
 * <p>Batches because the data consumers wait for these keys: a new contact's key arrives just before its first event,
 * and one MongoDB round trip per key let the listener fall behind by tens of seconds at 20,000 new contacts, so the
 * data consumers' waits ran out and their batches were retried (issue 10's benchmark, the flight recording).
 */
class ContactKeyListener implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ContactKeyListener.class);

    private final ContactKeyStore store;

    ContactKeyListener(ContactKeyStore store) {
        this.store = store;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        List<ContactKeyStore.Change> changes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            ContactKeyStore.Change change = changeOf(record);
            if (change != null) {
                changes.add(change);
            }
        }
        store.apply(changes);
    }

    private static ContactKeyStore.Change changeOf(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("Skipped a contact-keys record without a key at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return null;
        }
        if (record.value() == null || record.value().length == 0) {
            return ContactKeyStore.Change.erased(record.key());
        }
        ContactKey value;
        try {
            value = EventJson.mapper().readValue(record.value(), ContactKey.class);
        } catch (RuntimeException unreadable) {
            log.error("Skipped an unreadable contact-keys record {} at {}-{}@{}: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), unreadable.getMessage());
            return null;
        }
        if (value.state() == ContactKey.State.ERASED) {
            return ContactKeyStore.Change.erased(record.key());
        }
        return value.wrappedKey() == null ? null : ContactKeyStore.Change.received(record.key(), value.wrappedKey());
    }
}
