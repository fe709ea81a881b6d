package io.pulseloop.closedloop.tasks;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.closedloop.contacts.ContactDirectory;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.ChurnRiskDetected;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.TolerantEventReader;
import io.pulseloop.platform.privacy.PersonalDataOpener;

/**
 * Bindings {@code scoreTasks-in-0} ({@code response.scores.v1}), {@code signalTasks-in-0}
 * ({@code analytics.signals.v1}) and {@code contactUpdates-in-0} ({@code crm.contacts.v1}).
 *
 * <p>Idempotent because the contact's aggregate remembers recent event ids and the latest revision of each response,
 * and the directory keeps the newest contact: a redelivery changes nothing and alerts nobody. The families are read
 * with service-platform's {@link TolerantEventReader}: event types it does not know (the families grow additively)
 * and tombstones are skipped and counted ({@code pulseloop.events.skipped}); members of the family this service has
 * no use for (upsell, churn cleared, tickets, deals) are ignored; an unreadable record fails and goes to the
 * binding's DLQ.
 */
@Configuration(proxyBeanMethods = false)
class TaskEventConsumers {

    @Bean
    Consumer<byte[]> scoreTasks(TaskService tasks, TolerantEventReader reader, PersonalDataOpener opener) {
        // the comment arrives sealed (docs/privacy.md): opened here, absent once the contact was erased
        return payload -> reader.read(payload, ScoreRecorded.class, Topics.RESPONSE_SCORES).map(opener::openAll)
                .ifPresent(tasks::onScore);
    }

    @Bean
    Consumer<byte[]> signalTasks(TaskService tasks, TolerantEventReader reader) {
        return payload -> reader.read(payload, SignalEvent.class, Topics.ANALYTICS_SIGNALS).ifPresent(signal -> {
            if (signal instanceof ChurnRiskDetected churnRisk) {
                tasks.onChurnRisk(churnRisk);
            }
        });
    }

    @Bean
    Consumer<byte[]> contactUpdates(TaskService tasks, ContactDirectory contacts, TolerantEventReader reader,
            PersonalDataOpener opener) {
        // only an upsert's fields are kept here: a ticket's sealed subject is never opened
        return payload -> reader.read(payload, CrmContactEvent.class, Topics.CRM_CONTACTS).ifPresent(event -> {
            if (event instanceof ContactUpserted upserted) {
                contacts.record(opener.openAll(upserted));
            } else if (event instanceof ContactErased erased) {
                tasks.onContactErased(erased);
            }
        });
    }
}
