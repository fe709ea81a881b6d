package io.pulseloop.testsupport.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

@SpringBootTest(properties = RealInfrastructureInitializer.MONGO_DATABASE_PROPERTY + "=shared-by-two-replicas")
@RealInfrastructure
class SharedMongoDatabaseIntegrationTests {

    @Autowired
    private MongoTemplate mongoTemplate;

    @Test
    void usesTheDatabaseTheTestNames() {
        assertThat(this.mongoTemplate.getDb().getName()).isEqualTo("shared-by-two-replicas");
    }
}
