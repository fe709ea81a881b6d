package io.pulseloop.testsupport.infrastructure;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker and MongoDB server that all tests of this JVM share, started on first use and stopped by a JVM
 * shutdown hook.
 *
 * <p>The choice, made once: Testcontainers ({@link InfrastructureMode#CONTAINERS}) when a Docker engine answers,
 * in-JVM servers ({@link InfrastructureMode#EMBEDDED}) otherwise. The system property {@value #MODE_PROPERTY}
 * ({@code embedded} or {@code containers}) forces one, e.g. {@code ./mvnw verify -Dpulseloop.test.infrastructure=embedded}.
 * The choice and the addresses are logged once at INFO, starting with {@code Pulseloop test infrastructure:}.
 *
 * <p>Tests share the servers, so they isolate themselves by unique ids, topics or databases;
 * {@link RealInfrastructure} gives every Spring context its own database.
 */
public final class SharedInfrastructure {

    /** System property that forces the mode: {@code embedded} or {@code containers}. */
    public static final String MODE_PROPERTY = "pulseloop.test.infrastructure";

    private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

    private static final Object lock = new Object();

    private static Choice choice;

    private static volatile Infrastructure infrastructure;

    private static RuntimeException startFailure;

    private SharedInfrastructure() {
    }

    /**
     * The shared infrastructure, started by the first call (which blocks until both servers accept connections,
     * about 3 s embedded); later calls return the same instance at once. Safe to call from any thread.
     *
     * @return where Kafka and MongoDB listen
     * @throws IllegalStateException if the servers cannot start (also on every later call, without retrying), or if
     *         {@value #MODE_PROPERTY} holds an unknown value
     */
    public static Infrastructure get() {
        Infrastructure started = infrastructure;
        if (started != null) {
            return started;
        }
        synchronized (lock) {
            if (infrastructure == null) {
                if (startFailure != null) {
                    throw new IllegalStateException("The shared test infrastructure failed to start earlier in this JVM",
                            startFailure);
                }
                Choice chosen = choice();
                try {
                    infrastructure = start(chosen);
                }
                catch (RuntimeException ex) {
                    startFailure = new IllegalStateException("The shared test infrastructure (" + chosen.mode() + ", "
                            + chosen.reason() + ") failed to start", ex);
                    throw startFailure;
                }
            }
            return infrastructure;
        }
    }

    /**
     * The mode that {@link #get()} uses, decided without starting anything (asking Docker takes up to about a
     * second the first time).
     *
     * @return the mode of this JVM
     * @throws IllegalStateException if {@value #MODE_PROPERTY} holds an unknown value
     */
    public static InfrastructureMode mode() {
        return choice().mode();
    }

    /**
     * The mode and why it was chosen; decided once per JVM.
     */
    static Choice choice() {
        synchronized (lock) {
            if (choice == null) {
                choice = choose(System.getProperty(MODE_PROPERTY));
            }
            return choice;
        }
    }

    private static Choice choose(String forced) {
        if (forced != null && !forced.isBlank()) {
            String value = forced.trim().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "embedded" -> new Choice(InfrastructureMode.EMBEDDED, "forced by -D" + MODE_PROPERTY + "=embedded");
                case "containers" -> new Choice(InfrastructureMode.CONTAINERS,
                        "forced by -D" + MODE_PROPERTY + "=containers");
                default -> throw new IllegalStateException(
                        "-D" + MODE_PROPERTY + "=" + forced + " is not one of: embedded, containers");
            };
        }
        if (DockerProbe.dockerAnswers()) {
            return new Choice(InfrastructureMode.CONTAINERS, "a Docker engine answered");
        }
        return new Choice(InfrastructureMode.EMBEDDED, "no Docker engine answered");
    }

    private static Infrastructure start(Choice chosen) {
        RunningInfrastructure running = (chosen.mode() == InfrastructureMode.CONTAINERS)
                ? ContainerInfrastructure.start() : EmbeddedInfrastructure.start();
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "pulseloop-test-infrastructure-shutdown"));
        log.info("Pulseloop test infrastructure: {} ({}) — {}", chosen.mode(), chosen.reason(), running.description());
        return running.infrastructure();
    }

    /**
     * The mode of this JVM and the reason it was chosen, e.g. {@code no Docker engine answered}.
     */
    record Choice(InfrastructureMode mode, String reason) {
    }
}
