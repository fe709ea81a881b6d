package io.pulseloop.survey.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.SurveyIntegrationTestBase;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.contacts.ContactDocument;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder.Command;

/**
 * Issue 10: the hot paths address documents by {@code _id} alone, so their cost does not grow with the data (the
 * embedded MongoDB scans the collection for any other filter). A later change that adds a condition to one of these
 * filters fails here.
 */
class HotPathQueriesIntegrationTests extends SurveyIntegrationTestBase {

    @Autowired
    private MongoCommandRecorder mongo;

    @Autowired
    private ContactDirectory contacts;

    @Test
    void contactUpsertsErasuresAndOptOutsReadAndWriteContactsByIdOnly() {
        Instant now = workingMorning();
        String updated = CrmEvents.newContactId("by-id");
        String erased = CrmEvents.newContactId("by-id-erased");

        List<Command> filters = mongo.during(() -> {
            publish(CrmEvents.contact(updated, "en", now));
            ContactUpserted newer = CrmEvents.contact(updated, "cs", now.plusSeconds(60));
            publish(newer);
            publish(CrmEvents.contact(updated, "pl", now.minusSeconds(60)));
            publish(CrmEvents.contact(erased, "en", now));
            publish(CrmEvents.erased(erased, now));
            publish(CrmEvents.contact(erased, "en", now.plusSeconds(120)));
            await().atMost(ASYNC).pollInterval(Duration.ofMillis(50)).until(() -> contacts.find(erased)
                    .map(ContactDocument::erased).orElse(false));
            awaitDecision(erased, "SUPPRESSED", "ERASED");
        }, Command.inCollection("contacts"));

        assertThat(contacts.find(updated)).get().extracting(ContactDocument::locale).isEqualTo("cs");
        assertThat(contacts.find(erased)).get().extracting(ContactDocument::email).isNull();
        assertThat(filters).as("filters sent to contacts").isNotEmpty().allMatch(HotPathQueriesIntegrationTests::byIdOnly);
    }

    @Test
    void sendingAnInvitationRecordsItsOutcomeAndTakesTheFatigueSlotByIdOnly() {
        Instant closed = workingMorning();
        String contactId = CrmEvents.newContactId("by-id-send");
        publish(CrmEvents.contact(contactId, "en", closed));
        publish(CrmEvents.ticketClosed(contactId, "T-" + contactId, closed));
        awaitDecision(contactId, "SCHEDULED", "ELIGIBLE");
        clock.advance(Duration.ofHours(24));

        List<Command> onContacts = mongo.during(() -> {
            List<Command> onInvitations = mongo.during(this::tick, Command.inCollection("invitations"));
            assertThat(onInvitations.stream().filter(command -> command.name().equals("update")))
                    .as("writes to invitations").isNotEmpty().allMatch(HotPathQueriesIntegrationTests::byIdOnly);
        }, Command.inCollection("contacts"));

        assertThat(awaitMailsTo(contactId, 1)).hasSize(1);
        assertThat(onContacts).as("filters sent to contacts").isNotEmpty().allMatch(HotPathQueriesIntegrationTests::byIdOnly);
    }

    /**
     * The filter names {@code _id} and nothing else: {@code {_id: v}}, or {@code {_id: {$in: [...]}}} for the chunked
     * id reads (which the embedded server also answers from its primary index).
     */
    private static boolean byIdOnly(Command command) {
        return command.filter().size() == 1 && command.filter().containsKey("_id");
    }
}
