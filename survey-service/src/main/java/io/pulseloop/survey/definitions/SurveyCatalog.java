package io.pulseloop.survey.definitions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.pulseloop.survey.web.ApiProblemException;

/**
 * The survey definitions: the current version of each survey in {@code surveys}, every version ever saved in
 * {@code survey_versions}. A version is written before the current pointer moves to it and never changes
 * afterwards, so an invitation that references {@code (surveyId, version)} always finds what it was created with.
 * Concurrent edits are resolved by compare-and-set on the version: the loser gets {@code 409}.
 */
@Component
public class SurveyCatalog implements InitializingBean {

    static final String SURVEYS = "surveys";
    static final String VERSIONS = "survey_versions";

    private static final Logger log = LoggerFactory.getLogger(SurveyCatalog.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<String, SurveyDefinition> versions = new ConcurrentHashMap<>();

    SurveyCatalog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Creates the default surveys unless they exist (or existed and were deleted: a deletion is respected). */
    @Override
    public void afterPropertiesSet() {
        for (SurveyDefinition survey : DefaultSurveys.all(clock.instant())) {
            if (mongo.exists(Query.query(Criteria.where("_id").is(survey.id())), SURVEYS)) {
                continue;
            }
            saveVersion(survey);
            try {
                mongo.insert(survey, SURVEYS);
                log.info("Created default survey {} (version {})", survey.id(), survey.version());
            }
            catch (DuplicateKeyException ex) {
                log.debug("Default survey {} was created concurrently", survey.id());
            }
        }
    }

    /** Surveys that new triggers and waves may use. */
    public List<SurveyDefinition> active() {
        return mongo.find(Query.query(Criteria.where("enabled").is(true).and("deleted").is(false)),
                SurveyDefinition.class, SURVEYS);
    }

    /** Every survey that is not deleted, by id. */
    public List<SurveyDefinition> list() {
        return mongo.find(Query.query(Criteria.where("deleted").is(false)).with(Sort.by("_id")),
                SurveyDefinition.class, SURVEYS);
    }

    /** The current version of a survey that is not deleted. */
    public Optional<SurveyDefinition> current(String id) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("_id").is(id).and("deleted").is(false)),
                SurveyDefinition.class, SURVEYS));
    }

    /** A version as it was saved; versions never change, so they are cached. */
    public Optional<SurveyDefinition> version(String id, int version) {
        String key = SurveyVersionDocument.key(id, version);
        SurveyDefinition cached = versions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        SurveyVersionDocument stored = mongo.findById(key, SurveyVersionDocument.class, VERSIONS);
        if (stored == null) {
            return Optional.empty();
        }
        versions.put(key, stored.definition());
        return Optional.of(stored.definition());
    }

    /**
     * Creates a survey as version 1 (or, when a deleted survey had the id, as its next version).
     *
     * @throws ApiProblemException {@code 409} when a survey with the id exists
     */
    public SurveyDefinition create(SurveyDefinition draft) {
        Instant now = clock.instant();
        SurveyDefinition existing = mongo.findById(draft.id(), SurveyDefinition.class, SURVEYS);
        if (existing != null && !existing.deleted()) {
            throw new ApiProblemException(409, "Survey exists", "id", "survey " + draft.id() + " exists; use PUT "
                    + "/api/v1/surveys/" + draft.id() + " to change it");
        }
        if (existing == null) {
            SurveyDefinition created = draft.withVersion(1, now, now);
            saveVersion(created);
            try {
                mongo.insert(created, SURVEYS);
            }
            catch (DuplicateKeyException ex) {
                throw new ApiProblemException(409, "Survey exists", "id", "survey " + draft.id()
                        + " was created concurrently");
            }
            return created;
        }
        return replace(existing, draft.withVersion(existing.version() + 1, now, now));
    }

    /**
     * Saves the next version of a survey.
     *
     * @param expectedVersion when given, the version the caller edited; another one means {@code 409}
     * @throws ApiProblemException {@code 404} when there is no such survey, {@code 409} on a concurrent edit
     */
    public SurveyDefinition update(String id, SurveyDefinition draft, Integer expectedVersion) {
        SurveyDefinition existing = current(id).orElseThrow(() -> notFound(id));
        if (expectedVersion != null && expectedVersion != existing.version()) {
            throw new ApiProblemException(409, "Version conflict", "version", "survey " + id + " is at version "
                    + existing.version() + ", not " + expectedVersion);
        }
        Instant now = clock.instant();
        return replace(existing, draft.withVersion(existing.version() + 1, existing.createdAt(), now));
    }

    /**
     * Deletes a survey: it triggers nothing from now on, its pending sends are withdrawn when due, and its versions
     * stay readable for the invitations that were sent with them.
     *
     * @throws ApiProblemException {@code 404} when there is no such survey
     */
    public void delete(String id) {
        SurveyDefinition existing = current(id).orElseThrow(() -> notFound(id));
        SurveyDefinition deleted = existing.asDeleted(clock.instant());
        SurveyDefinition replaced = mongo.findAndReplace(
                Query.query(Criteria.where("_id").is(id).and("version").is(existing.version()).and("deleted").is(false)),
                deleted, FindAndReplaceOptions.none(), SurveyDefinition.class, SURVEYS, SurveyDefinition.class);
        if (replaced == null) {
            throw new ApiProblemException(409, "Version conflict", "version", "survey " + id
                    + " changed while it was being deleted; try again");
        }
    }

    static ApiProblemException notFound(String id) {
        return new ApiProblemException(404, "Survey not found", "id", "no survey " + id);
    }

    private SurveyDefinition replace(SurveyDefinition existing, SurveyDefinition next) {
        saveVersion(next);
        SurveyDefinition replaced = mongo.findAndReplace(
                Query.query(Criteria.where("_id").is(existing.id()).and("version").is(existing.version())),
                next, FindAndReplaceOptions.none(), SurveyDefinition.class, SURVEYS, SurveyDefinition.class);
        if (replaced == null) {
            throw new ApiProblemException(409, "Version conflict", "version", "survey " + existing.id()
                    + " was changed concurrently; read it again and retry");
        }
        return next;
    }

    /** Writes a version; one that is not yet referenced (a failed earlier attempt) may be overwritten. */
    private void saveVersion(SurveyDefinition definition) {
        mongo.save(new SurveyVersionDocument(SurveyVersionDocument.key(definition.id(), definition.version()),
                definition), VERSIONS);
    }
}
