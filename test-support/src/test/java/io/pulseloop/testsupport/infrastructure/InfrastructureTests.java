package io.pulseloop.testsupport.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class InfrastructureTests {

    @Test
    void addsTheDatabaseAsThePathOfTheConnectionString() {
        Infrastructure infrastructure = new Infrastructure(InfrastructureMode.EMBEDDED, "localhost:9092",
                "mongodb://127.0.0.1:40123");

        assertThat(infrastructure.mongoConnectionString("test-1")).isEqualTo("mongodb://127.0.0.1:40123/test-1");
    }

    @Test
    void keepsTheOptionsOfTheConnectionString() {
        Infrastructure infrastructure = new Infrastructure(InfrastructureMode.CONTAINERS, "localhost:9092",
                "mongodb://localhost:32768/?directConnection=true");

        assertThat(infrastructure.mongoConnectionString("test-1"))
                .isEqualTo("mongodb://localhost:32768/test-1?directConnection=true");
    }

    @Test
    void rejectsABlankDatabase() {
        Infrastructure infrastructure = new Infrastructure(InfrastructureMode.EMBEDDED, "localhost:9092",
                "mongodb://127.0.0.1:40123");

        assertThatIllegalArgumentException().isThrownBy(() -> infrastructure.mongoConnectionString(" "));
    }
}
