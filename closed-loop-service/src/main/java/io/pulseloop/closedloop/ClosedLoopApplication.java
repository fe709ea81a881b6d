package io.pulseloop.closedloop;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ClosedLoopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClosedLoopApplication.class, args);
    }

    /** All SLA and due-time rules read this clock, so tests move time instead of sleeping. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
