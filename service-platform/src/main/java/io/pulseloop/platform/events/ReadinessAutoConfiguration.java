package io.pulseloop.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Runs {@link KafkaReadiness} once the application is ready ({@code pulseloop.readiness.kafka.enabled}, default
 * true; {@code .grace} 30 s; {@code .interval} 5 s).
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(Admin.class)
@ConditionalOnBooleanProperty(name = "pulseloop.readiness.kafka.enabled", matchIfMissing = true)
public class ReadinessAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KafkaReadiness kafkaReadiness(KafkaProperties kafka, ApplicationEventPublisher events,
            ObjectProvider<Clock> clock, Environment environment) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        return new KafkaReadiness(Admin.create(config), events, clock.getIfAvailable(Clock::systemUTC),
                environment.getProperty("pulseloop.readiness.kafka.grace", Duration.class, Duration.ofSeconds(30)),
                Duration.ofSeconds(2));
    }

    @Bean
    KafkaReadinessSchedule kafkaReadinessSchedule(KafkaReadiness readiness, Environment environment) {
        return new KafkaReadinessSchedule(readiness,
                environment.getProperty("pulseloop.readiness.kafka.interval", Duration.class, Duration.ofSeconds(5)));
    }

    /** Checks periodically from the moment the application is ready; stops with the context. */
    static final class KafkaReadinessSchedule implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

        private final KafkaReadiness readiness;
        private final Duration interval;
        private ScheduledExecutorService executor;

        KafkaReadinessSchedule(KafkaReadiness readiness, Duration interval) {
            this.readiness = readiness;
            this.interval = interval;
        }

        @Override
        public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
            if (executor != null) {
                return;
            }
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "kafka-readiness");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(readiness::check, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void destroy() {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }
}
