package io.pulseloop.response.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pulseloop.events.survey.InvitationExpired;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.response.mongo.RecordedMongo;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;

/**
 * The invitation lookup of every page view and answer, as sent to MongoDB: by token hash as {@code _id} alone,
 * cached or not, and so are the marks written on the page path. On the embedded server any other filter scans
 * every invitation (issue 10: request threads queued in {@code findByHash}).
 */
class InvitationLookupQueryTests {

    private final RecordedMongo mongo = new RecordedMongo("invitation-queries-" + TestInvitations.newToken());

    @AfterEach
    void dropDatabase() {
        mongo.close();
    }

    @Test
    void lookupsByTokenAndThePageMarksAreIdLookups() {
        TestInvitations.Sent sent = TestInvitations.nps("en", Instant.now());
        new InvitationDirectory(mongo.template()).record(sent.event());
        InvitationDirectory cold = new InvitationDirectory(mongo.template());
        mongo.recorder().clear();

        Invitation uncached = cold.findByToken(sent.token()).orElseThrow();
        Invitation cached = cold.findByToken(sent.token()).orElseThrow();
        cold.markOpened(uncached.tokenHash(), Instant.now());
        cold.markUnsubscribed(uncached.tokenHash(), Instant.now());
        cold.findByToken(TestInvitations.newToken());

        assertThat(cached.invitationId()).isEqualTo(sent.invitationId());
        assertThat(mongo.recorder().commands("invitations")).hasSize(5)
                .allMatch(MongoCommandRecorder.Command::isIdLookup);
    }

    @Test
    void anExpiryIsFoundByIdThroughTheInvitationKeys() {
        TestInvitations.Sent sent = TestInvitations.nps("en", Instant.now());
        InvitationDirectory directory = new InvitationDirectory(mongo.template());
        directory.record(sent.event());
        mongo.recorder().clear();

        directory.expire(new InvitationExpired("evt-expired-" + sent.invitationId(), Instant.now(), sent.contactId(),
                "corr", sent.invitationId(), sent.event().surveyId(), false));

        assertThat(directory.findByToken(sent.token()).orElseThrow().expiredAt()).isNotNull();
        assertThat(mongo.recorder().commands()).isNotEmpty().allMatch(MongoCommandRecorder.Command::isIdLookup);
    }
}
