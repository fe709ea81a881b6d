package io.pulseloop.testsupport.infrastructure;

import java.util.function.BooleanSupplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;
import org.testcontainers.DockerClientFactory;

/**
 * Asks Testcontainers whether a Docker engine answers. Without one, Testcontainers logs an ERROR listing every
 * strategy it tried; here that is an expected answer, not an error, so that logger is muted during the question
 * (when Logback is the logging backend) and {@link SharedInfrastructure} logs the outcome in one INFO line. Forcing
 * {@code -Dpulseloop.test.infrastructure=containers} shows Testcontainers' own diagnosis.
 */
final class DockerProbe {

    private static final String STRATEGY_LOGGER = "org.testcontainers.dockerclient.DockerClientProviderStrategy";

    private DockerProbe() {
    }

    static boolean dockerAnswers() {
        BooleanSupplier question = () -> DockerClientFactory.instance().isDockerAvailable();
        if (ClassUtils.isPresent("ch.qos.logback.classic.Logger", DockerProbe.class.getClassLoader())) {
            return Muted.ask(question);
        }
        return question.getAsBoolean();
    }

    /**
     * Kept apart so that Logback's classes load only when Logback is present.
     */
    private static final class Muted {

        static boolean ask(BooleanSupplier question) {
            if (!(LoggerFactory.getLogger(STRATEGY_LOGGER) instanceof Logger logger)) {
                return question.getAsBoolean();
            }
            Level level = logger.getLevel();
            logger.setLevel(Level.OFF);
            try {
                return question.getAsBoolean();
            }
            finally {
                logger.setLevel(level);
            }
        }
    }
}
