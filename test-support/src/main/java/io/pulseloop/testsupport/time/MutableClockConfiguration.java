package io.pulseloop.testsupport.time;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Makes a {@link MutableClock} the {@code @Primary} {@link Clock} of a test's application context, so services that
 * inject a {@code Clock} read the test's time. Import it with {@code @Import(MutableClockConfiguration.class)} and
 * inject {@code MutableClock} into the test.
 *
 * <p>The clock starts at the system time of context start (milliseconds). A cached context is shared by the test
 * classes with the same configuration, and so is its clock: move it relative to {@link MutableClock#instant()}, or
 * set it explicitly at the start of a test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

    /**
     * The test clock, named {@code mutableClock} so that it does not clash with a service's own {@code clock} bean.
     *
     * @return a clock standing at the current time, in UTC
     */
    @Bean
    @Primary
    public MutableClock mutableClock() {
        return MutableClock.startingNow();
    }
}
