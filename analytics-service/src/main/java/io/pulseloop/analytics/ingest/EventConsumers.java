package io.pulseloop.analytics.ingest;

import java.time.Instant;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;

import io.pulseloop.analytics.crm.ContactDirectory;
import io.pulseloop.analytics.crm.DealFacts;
import io.pulseloop.analytics.followup.TaskFacts;
import io.pulseloop.analytics.query.Dimensions;
import io.pulseloop.analytics.rates.InvitationFacts;
import io.pulseloop.analytics.scores.ScoreFacts;
import io.pulseloop.analytics.scores.ScoreRow;
import io.pulseloop.analytics.signals.Signals;
import io.pulseloop.analytics.signals.rules.ScoredAnswer;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.DealWon;
import io.pulseloop.events.response.ResponseCompleted;
import io.pulseloop.events.response.ResponseEvent;
import io.pulseloop.events.response.ResponseRevised;
import io.pulseloop.events.response.ResponseStarted;
import io.pulseloop.events.response.SurveyPageViewed;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationIssued;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.SurveyContext;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.TolerantEventReader;
import io.pulseloop.platform.events.UnreadableEventException;
import io.pulseloop.platform.privacy.PersonalDataOpener;

/**
 * The five input bindings (group {@code analytics-service}, see {@code application.yml}). Every handler is
 * idempotent by the {@code _id}-keyed documents it writes, so at-least-once delivery (a redelivery after a crash
 * before the offset commit, a rebuild from the earliest offset) counts every event once.
 */
@Configuration
class EventConsumers {

    @Bean
    EventReading eventReading(TolerantEventReader reader, MeterRegistry meters) {
        return new EventReading(reader, meters);
    }

    /** {@code response.scores.v1}: the fact, then (NPS only) the signal rules, which have their own guard. */
    @Bean
    Consumer<Message<?>> scoreEvents(EventReading reading, ScoreFacts scores, ContactDirectory contacts,
            InvitationFacts invitations, Signals signals, PersonalDataOpener opener) {
        return message -> {
            // the comment arrives sealed (docs/privacy.md): opened for the themes; absent (the score still counts)
            // once the contact was erased
            ScoreRecorded score = opener.openAll(reading.read(Topics.RESPONSE_SCORES, message, ScoreRecorded.class));
            if (score == null) {
                return;
            }
            if (score.responseId() == null || score.metric() == null || score.occurredAt() == null) {
                throw new UnreadableEventException("ScoreRecorded " + score.eventId()
                        + " lacks responseId, metric or occurredAt", "responseId", null);
            }
            boolean erased = score.contactId() != null && contacts.isErased(score.contactId());
            scores.record(score, erased);
            invitations.started(score.invitationId(), score.surveyId());
            if (score.metric() == Metric.NPS && score.contactId() != null) {
                Instant answeredAt = scores.find(score.responseId()).map(ScoreRow::answeredAt)
                        .orElse(score.occurredAt());
                signals.onNpsAnswer(answer(score, contacts, answeredAt), dealOf(score.context()),
                        productOf(score.context()));
            }
            reading.count(Topics.RESPONSE_SCORES, "applied");
        };
    }

    /** {@code response.responses.v1}: opened (the page viewed), started and completed, for the response rates. */
    @Bean
    Consumer<Message<?>> responseEvents(EventReading reading, InvitationFacts invitations) {
        return message -> {
            ResponseEvent event = reading.read(Topics.RESPONSE_RESPONSES, message, ResponseEvent.class);
            if (event instanceof SurveyPageViewed viewed) {
                invitations.opened(viewed.invitationId(), viewed.surveyId());
            } else if (event instanceof ResponseStarted started) {
                invitations.started(started.invitationId(), started.surveyId());
            } else if (event instanceof ResponseCompleted completed) {
                invitations.completed(completed.invitationId(), completed.surveyId());
            } else if (event instanceof ResponseRevised revised) {
                invitations.started(revised.invitationId(), revised.surveyId());
            } else {
                return;
            }
            reading.count(Topics.RESPONSE_RESPONSES, "applied");
        };
    }

    /** {@code survey.invitations.v1}: issued or sent is invited (the earliest time counts). */
    @Bean
    Consumer<Message<?>> invitationEvents(EventReading reading, InvitationFacts invitations) {
        return message -> {
            InvitationEvent event = reading.read(Topics.SURVEY_INVITATIONS, message, InvitationEvent.class);
            if (event instanceof InvitationIssued issued) {
                invitations.invited(issued.invitationId(), issued.surveyId(), issued.occurredAt(),
                        Dimensions.of(issued.context(), issued.surveyId(), issued.locale()));
            } else if (event instanceof InvitationSent sent) {
                invitations.invited(sent.invitationId(), sent.surveyId(), sent.occurredAt(),
                        Dimensions.of(sent.context(), sent.surveyId(), sent.locale()));
            } else {
                return;
            }
            reading.count(Topics.SURVEY_INVITATIONS, "applied");
        };
    }

    /** {@code followup.tasks.v1}, read as JSON trees (see {@link TaskFacts}). */
    @Bean
    Consumer<Message<?>> taskEvents(EventReading reading, TaskFacts tasks) {
        return message -> {
            JsonNode event = reading.tree(Topics.FOLLOWUP_TASKS, message);
            if (event != null) {
                reading.count(Topics.FOLLOWUP_TASKS, tasks.apply(event) ? "applied" : "skipped");
            }
        };
    }

    /** {@code crm.contacts.v1}: contacts, won deals, erasure. */
    @Bean
    Consumer<Message<?>> contactEvents(EventReading reading, ContactDirectory contacts, DealFacts deals,
            ScoreFacts scores, Signals signals, PersonalDataOpener opener) {
        return message -> {
            // only an upsert's personal fields are kept: a ticket's sealed subject is never opened
            CrmContactEvent event = reading.read(Topics.CRM_CONTACTS, message, CrmContactEvent.class);
            if (event instanceof ContactUpserted upserted) {
                contacts.upsert(opener.openAll(upserted));
            } else if (event instanceof DealWon deal) {
                String accountId = contacts.find(deal.contactId()).map(ContactDirectory.ContactInfo::accountId)
                        .orElse(null);
                deals.record(deal, accountId);
                signals.onDealWon(accountId, deal.contactId(), deal.dealId(), deal.product());
            } else if (event instanceof ContactErased erased) {
                contacts.erase(erased);
                scores.erase(erased.contactId());
            } else {
                return;
            }
            reading.count(Topics.CRM_CONTACTS, "applied");
        };
    }

    private static ScoredAnswer answer(ScoreRecorded score, ContactDirectory contacts, Instant answeredAt) {
        SurveyContext context = score.context();
        String accountId = context == null ? null : context.accountId();
        AccountTier tier = context == null ? null : context.accountTier();
        String ownerId = context == null ? null : context.ownerId();
        if (accountId == null || tier == null) {
            ContactDirectory.ContactInfo contact = contacts.find(score.contactId()).orElse(null);
            if (contact != null) {
                accountId = accountId != null ? accountId : contact.accountId();
                tier = tier != null ? tier : contact.accountTier() == null ? null
                        : AccountTier.valueOf(contact.accountTier());
                ownerId = ownerId != null ? ownerId : contact.ownerId();
            }
        }
        return new ScoredAnswer(score.responseId(), score.revision(), score.contactId(), accountId,
                tier == AccountTier.KEY, ownerId, score.score(), answeredAt, score.occurredAt(),
                score.correlationId());
    }

    private static String dealOf(SurveyContext context) {
        return context == null ? null : context.dealId();
    }

    private static String productOf(SurveyContext context) {
        return context == null ? null : context.product();
    }
}
