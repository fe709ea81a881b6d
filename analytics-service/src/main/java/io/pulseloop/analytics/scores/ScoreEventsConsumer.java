package io.pulseloop.analytics.scores;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.events.response.ScoreRecorded;

/** Binding {@code scoreUpdates-in-0}: every score on {@code response.scores.v1} becomes (or revises) a fact. */
@Configuration
class ScoreEventsConsumer {

    @Bean
    Consumer<ScoreRecorded> scoreUpdates(ScoreFacts facts) {
        return facts::record;
    }
}
