package io.pulseloop.survey.waves;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.pulseloop.platform.mongo.Lease;
import io.pulseloop.platform.mongo.MongoLease;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.contacts.ContactDocument;
import io.pulseloop.survey.definitions.ScheduleDefinition;
import io.pulseloop.survey.definitions.SurveyCatalog;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.invitations.InvitationPlanner;
import io.pulseloop.survey.invitations.Trigger;

/**
 * Runs the waves of scheduled surveys: when a wave is due, it goes through the survey's audience as it is now (the
 * current customer base), a page at a time, and plans each contact's invitation at a stable pseudo-random offset
 * within {@code spreadOver}, through the same policy as every trigger. A wave missed during downtime runs once, late;
 * waves missed entirely are not replayed. Idempotent: a contact's place in a wave has a derived invitation id.
 */
@Component
public class WaveRunner {

    static final String WAVES = "waves";
    /** A replica working on a wave holds the platform lease field {@code lease} of its document. */
    private static final String LEASE_FIELD = "lease";
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int PAGE = 500;
    private static final int PAGES_PER_TICK = 20;

    private final MongoTemplate mongo;
    private final MongoLease leases;
    private final SurveyCatalog catalog;
    private final ContactDirectory contacts;
    private final InvitationPlanner planner;
    private final Clock clock;

    WaveRunner(MongoTemplate mongo, MongoLease leases, SurveyCatalog catalog, ContactDirectory contacts,
            InvitationPlanner planner, Clock clock) {
        this.mongo = mongo;
        this.leases = leases;
        this.catalog = catalog;
        this.contacts = contacts;
        this.planner = planner;
        this.clock = clock;
    }

    /**
     * Plans due waves, at most a bounded number of audience pages per call.
     *
     * @return how many contacts were planned
     */
    public int runDue(String owner) {
        Instant now = clock.instant();
        List<SurveyDefinition> scheduled = catalog.active().stream().filter(survey -> survey.schedule() != null)
                .toList();
        if (scheduled.isEmpty()) {
            return 0;
        }
        for (SurveyDefinition survey : scheduled) {
            Instant first = (survey.schedule().startAt() == null) ? now : survey.schedule().startAt();
            mongo.upsert(Query.query(Criteria.where("_id").is(survey.id())),
                    new Update().setOnInsert("wave", 1L).setOnInsert("startAt", first), WAVES);
        }
        int planned = 0;
        for (int page = 0; page < PAGES_PER_TICK; page++) {
            Criteria due = Criteria.where("_id").in(scheduled.stream().map(SurveyDefinition::id).toList())
                    .and("startAt").lte(now);
            Optional<MongoLease.Leased> wave = leases.claimFirst(WAVES, due, Sort.unsorted(), LEASE_FIELD, owner,
                    LEASE);
            if (wave.isEmpty()) {
                break;
            }
            planned += runPage(mongo.getConverter().read(WaveDocument.class, wave.get().document()),
                    wave.get().lease(), scheduled, now);
        }
        return planned;
    }

    private int runPage(WaveDocument wave, Lease lease, List<SurveyDefinition> scheduled, Instant now) {
        SurveyDefinition survey = scheduled.stream().filter(candidate -> candidate.id().equals(wave.id()))
                .findFirst().orElseThrow();
        ScheduleDefinition schedule = survey.schedule();
        List<ContactDocument> audience = contacts.audience(schedule.audience(), wave.cursor(), PAGE);
        List<Trigger> places = audience.stream().map(contact -> Trigger.wave(survey.id(), wave.wave(), contact.id(),
                wave.startAt().plus(offset(survey.id(), wave.wave(), contact.id(), schedule.spreadOver())))).toList();
        planner.planWave(survey, places);
        Update update = MongoLease.releasing(new Update(), LEASE_FIELD);
        if (audience.size() < PAGE) {
            Instant next = wave.startAt().plus(schedule.every());
            while (!next.plus(schedule.every()).isAfter(now)) {
                next = next.plus(schedule.every());
            }
            update.set("wave", wave.wave() + 1).set("startAt", next).unset("cursor");
        }
        else {
            update.set("cursor", audience.get(audience.size() - 1).id());
        }
        mongo.updateFirst(MongoLease.heldBy(lease), update, WAVES);
        return places.size();
    }

    /** A contact's stable offset within the spread of a wave. */
    static Duration offset(String surveyId, long wave, String contactId, Duration spread) {
        if (spread == null || spread.isZero()) {
            return Duration.ZERO;
        }
        long bits = UUID.nameUUIDFromBytes((surveyId + "|" + wave + "|" + contactId).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
        return Duration.ofMillis(Math.floorMod(bits, spread.toMillis()));
    }
}
