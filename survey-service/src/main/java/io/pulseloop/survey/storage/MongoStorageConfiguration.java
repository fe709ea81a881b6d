package io.pulseloop.survey.storage;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/** Durations are stored as ISO-8601 strings ({@code PT24H}), readable in the database and by any tool. */
@Configuration(proxyBeanMethods = false)
class MongoStorageConfiguration {

    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return new MongoCustomConversions(List.of(new DurationToString(), new StringToDuration()));
    }

    @WritingConverter
    static final class DurationToString implements Converter<Duration, String> {

        @Override
        public String convert(Duration source) {
            return source.toString();
        }
    }

    @ReadingConverter
    static final class StringToDuration implements Converter<String, Duration> {

        @Override
        public Duration convert(String source) {
            return Duration.parse(source);
        }
    }
}
