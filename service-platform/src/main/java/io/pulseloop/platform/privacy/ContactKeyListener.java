package io.pulseloop.platform.privacy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.privacy.ContactKey;

/**
 * Keeps this service's copies of the data keys up to date from the contact-keys topic: a key record is stored (never
 * over an erased key), an {@code ERASED} marker (or a tombstone) replaces the copy by the marker. A value that cannot
 * be read is logged and skipped: it carries no event, and retrying it could never succeed.
 */
class ContactKeyListener implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ContactKeyListener.class);

    private final ContactKeyStore store;

    ContactKeyListener(ContactKeyStore store) {
        this.store = store;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("Skipped a contact-keys record without a key at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (record.value() == null || record.value().length == 0) {
            store.erase(record.key());
            return;
        }
        ContactKey value;
        try {
            value = EventJson.mapper().readValue(record.value(), ContactKey.class);
        } catch (RuntimeException unreadable) {
            log.error("Skipped an unreadable contact-keys record {} at {}-{}@{}: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), unreadable.getMessage());
            return;
        }
        if (value.state() == ContactKey.State.ERASED) {
            store.erase(record.key());
        } else if (value.wrappedKey() != null) {
            store.received(record.key(), value.wrappedKey());
        }
    }
}
