package io.pulseloop.survey.decisions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.pulseloop.survey.contacts.ContactDecision;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.invitations.InvitationDocument;
import io.pulseloop.survey.invitations.InvitationStore;
import io.pulseloop.survey.policy.Decision;

/**
 * {@code GET /api/v1/contacts/{contactId}/survey-decisions}: every decision for the contact — scheduled, delayed,
 * invited, suppressed, reminded, expired — oldest first, with survey, trigger, time and rule. A contact nobody
 * decided anything about yet gets an empty list.
 */
@RestController
class SurveyDecisionsController {

    private final InvitationStore invitations;
    private final ContactDirectory contacts;

    SurveyDecisionsController(InvitationStore invitations, ContactDirectory contacts) {
        this.invitations = invitations;
        this.contacts = contacts;
    }

    @GetMapping("/api/v1/contacts/{contactId}/survey-decisions")
    List<SurveyDecisionView> decisions(@PathVariable String contactId) {
        List<SurveyDecisionView> views = new ArrayList<>();
        for (InvitationDocument invitation : invitations.forContact(contactId)) {
            for (Decision decision : invitation.decisions()) {
                views.add(new SurveyDecisionView(decision.kind().name(), decision.rule(), invitation.surveyId(),
                        invitation.surveyVersion(), invitation.id(), invitation.triggerEventId(),
                        invitation.triggerType(), decision.decidedAt(), decision.dueAt(), decision.detail()));
            }
        }
        contacts.find(contactId).ifPresent(contact -> {
            for (ContactDecision decision : contact.decisions()) {
                views.add(new SurveyDecisionView(decision.kind().name(), decision.rule(), decision.surveyId(), null,
                        decision.invitationId(), decision.eventId(), decision.triggerType(), decision.decidedAt(),
                        null, decision.detail()));
            }
        });
        views.sort(Comparator.comparing(SurveyDecisionView::decidedAt));
        return views;
    }
}
