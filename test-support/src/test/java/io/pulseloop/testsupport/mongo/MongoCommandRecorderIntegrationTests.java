package io.pulseloop.testsupport.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder.Command;

@SpringBootTest
@RealInfrastructure
class MongoCommandRecorderIntegrationTests {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoCommandRecorder recorder;

    @Test
    void recordsIdAndIdInLookupsAsSuchAndOtherFiltersEvenEqAsScans() {
        // given
        String id = "c-" + UUID.randomUUID();
        mongo.insert(new Document(Map.of("_id", id, "email", id + "@example.com")), "contacts");

        // when
        List<Command> commands = recorder.during(() -> {
            mongo.findById(id, Document.class, "contacts");
            mongo.upsert(Query.query(Criteria.where("_id").is(id)), Update.update("name", "Ada"), "contacts");
            mongo.findAndModify(Query.query(Criteria.where("_id").is(id)), Update.update("name", "Bea"),
                    Document.class, "contacts");
            mongo.find(Query.query(Criteria.where("email").is(id + "@example.com")), Document.class, "contacts");
            mongo.getCollection("contacts").find(new Document("_id", new Document("$eq", id))).first();
            mongo.find(Query.query(Criteria.where("_id").in(id, "other")), Document.class, "contacts");
            mongo.remove(Query.query(Criteria.where("_id").in(id, "other")), "contacts");
        }, Command.inCollection("contacts"));

        // then: what the embedded server answers from its _id index, and what it scans for
        assertThat(commands).extracting(Command::name)
                .containsExactly("find", "update", "findAndModify", "find", "find", "find", "delete");
        assertThat(commands).extracting(Command::isIdLookup)
                .containsExactly(true, true, true, false, false, true, true);
        assertThat(commands.get(3).filter().toJson()).contains("email");
        assertThat(commands.get(4).filter().toJson()).contains("$eq");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(MongoCommandRecorder.Configuration.class)
    static class MongoOnly {
    }
}
