package io.pulseloop.events.topic;

import java.util.List;

import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.OwnerUpserted;
import io.pulseloop.events.crm.inbound.CrmInboundEvent;
import io.pulseloop.events.followup.FollowUpTaskEvent;
import io.pulseloop.events.privacy.ContactKey;
import io.pulseloop.events.response.ResponseEvent;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.signal.SignalEvent;
import io.pulseloop.events.survey.InvitationEvent;

/**
 * Every topic Pulseloop uses. Names are constants so annotations and configuration can use them; {@link #ALL}
 * is the typed catalogue that tests and {@code docs/asyncapi.yaml} are checked against.
 *
 * <p>Dead-letter topics are named {@code <topic>.<consumer group>.dlq}, except the contract's
 * {@link #CRM_INBOUND_DLQ}.
 */
public final class Topics {

    /** The contract's inbound topic (§2.1): CloudEvents from the CRM, keyed by contact id (owner id for owners). */
    public static final String CRM_INBOUND = "crm.inbound.v1";
    /** Where unreadable or invalid CRM records go, with headers naming the cause (contract §2.1). */
    public static final String CRM_INBOUND_DLQ = "crm.inbound.v1.dlq";
    public static final String CRM_CONTACTS = "crm.contacts.v1";
    public static final String CRM_OWNERS = "crm.owners.v1";
    public static final String SURVEY_INVITATIONS = "survey.invitations.v1";
    public static final String RESPONSE_RESPONSES = "response.responses.v1";
    public static final String RESPONSE_SCORES = "response.scores.v1";
    public static final String FOLLOWUP_TASKS = "followup.tasks.v1";
    public static final String ANALYTICS_SIGNALS = "analytics.signals.v1";
    /** Compacted: each contact's data key per authority, or the marker that it was erased (docs/privacy.md). */
    public static final String PRIVACY_CONTACT_KEYS = "privacy.contact-keys.v1";

    /** The suffix of every dead-letter topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private static final String CRM = "crm (external)";
    private static final String CRM_SYNC = "crm-sync-service";
    private static final String SURVEY = "survey-service";
    private static final String RESPONSE = "response-service";
    private static final String CLOSED_LOOP = "closed-loop-service";
    private static final String ANALYTICS = "analytics-service";

    public static final List<TopicSpec<?>> ALL = List.of(
            new TopicSpec<>(CRM_INBOUND, CrmInboundEvent.class, "contactId (ownerId for owner events)",
                    CRM, List.of(CRM_SYNC)),
            new TopicSpec<>(CRM_CONTACTS, CrmContactEvent.class, "contactId",
                    CRM_SYNC, List.of(CRM_SYNC, SURVEY, RESPONSE, CLOSED_LOOP, ANALYTICS)),
            new TopicSpec<>(CRM_OWNERS, OwnerUpserted.class, "ownerId",
                    CRM_SYNC, List.of(CRM_SYNC, CLOSED_LOOP)),
            new TopicSpec<>(SURVEY_INVITATIONS, InvitationEvent.class, "contactId",
                    SURVEY, List.of(RESPONSE, ANALYTICS)),
            new TopicSpec<>(RESPONSE_RESPONSES, ResponseEvent.class, "contactId",
                    RESPONSE, List.of(SURVEY, ANALYTICS)),
            new TopicSpec<>(RESPONSE_SCORES, ScoreRecorded.class, "contactId",
                    RESPONSE, List.of(CRM_SYNC, CLOSED_LOOP, ANALYTICS)),
            new TopicSpec<>(FOLLOWUP_TASKS, FollowUpTaskEvent.class, "contactId",
                    CLOSED_LOOP, List.of(CRM_SYNC, ANALYTICS)),
            new TopicSpec<>(ANALYTICS_SIGNALS, SignalEvent.class, "contactId",
                    ANALYTICS, List.of(CRM_SYNC, CLOSED_LOOP)),
            new TopicSpec<>(PRIVACY_CONTACT_KEYS, ContactKey.class, "keyId (<authority>/<contactId>)",
                    CRM_SYNC + ", " + RESPONSE + " (each its own keys)",
                    List.of(CRM_SYNC, SURVEY, CLOSED_LOOP, ANALYTICS)));

    private Topics() {
    }
}
