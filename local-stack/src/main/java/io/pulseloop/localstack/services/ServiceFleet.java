package io.pulseloop.localstack.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/** The five services as child processes: started together, awaited until every one is ready, stopped together. */
public final class ServiceFleet implements AutoCloseable {

    /**
     * JVM options that keep five Spring Boot services small and quick to start on a laptop: a bounded heap, the
     * serial collector (no GC threads per core), only the C1 compiler (fast warm-up, less code cache and CPU), small
     * thread stacks. {@code PULSELOOP_SERVICE_JAVA_OPTS} replaces them.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:MaxMetaspaceSize=256m",
            "-Xshare:auto", "-Djava.security.egd=file:/dev/./urandom");

    private final List<ServiceProcess> processes;

    private ServiceFleet(List<ServiceProcess> processes) {
        this.processes = processes;
    }

    /** The jars that are missing, as paths relative to the project. */
    public static List<String> missingJars(Path projectDir) {
        return Arrays.stream(Service.values()).map(service -> service.jar(projectDir))
                .filter(jar -> !Files.isRegularFile(jar)).map(jar -> projectDir.relativize(jar).toString()).toList();
    }

    /**
     * Starts every service at once from a copy of its jar under {@code jarDir}; each finds Kafka, MongoDB and SMTP
     * through {@code environment}. The copy (refreshed when the built jar changes) lets a developer rebuild while the
     * stack runs: a Spring Boot jar rewritten under a running JVM breaks its class loading.
     */
    public static ServiceFleet start(Path projectDir, Path jarDir, Map<String, String> environment,
            Optional<String> jvmOptions, Path logDir) throws IOException {
        List<String> options = jvmOptions.filter(value -> !value.isBlank())
                .map(value -> List.of(value.trim().split("\\s+"))).orElse(DEFAULT_JVM_OPTIONS);
        List<ServiceProcess> processes = new ArrayList<>();
        ServiceFleet fleet = new ServiceFleet(processes);
        try {
            for (Service service : Service.values()) {
                Path jar = copyIfChanged(service.jar(projectDir), jarDir.resolve(service.module() + ".jar"));
                processes.add(ServiceProcess.start(service, jar, options, environment, logDir));
            }
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    static Path copyIfChanged(Path built, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        if (!Files.exists(copy) || Files.size(copy) != Files.size(built)
                || !Files.getLastModifiedTime(copy).equals(Files.getLastModifiedTime(built))) {
            Path temporary = copy.resolveSibling(copy.getFileName() + ".tmp");
            Files.copy(built, temporary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(temporary, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return copy;
    }

    public List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    /**
     * Waits until every service reports ready.
     *
     * @throws IllegalStateException naming the service and the end of its log when one exits or the time is up
     */
    public void awaitReady(Duration timeout, java.util.function.Consumer<Service> onReady) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Service> pending = EnumSet.allOf(Service.class);
        while (!pending.isEmpty()) {
            for (ServiceProcess process : processes) {
                if (!pending.contains(process.service())) {
                    continue;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.service().module() + " exited during start-up; the end "
                            + "of " + process.log() + ":" + System.lineSeparator() + process.tail(25));
                }
                if (process.isReady()) {
                    pending.remove(process.service());
                    onReady.accept(process.service());
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                ServiceProcess late = processes.stream().filter(p -> pending.contains(p.service())).findFirst()
                        .orElseThrow();
                throw new IllegalStateException(pending + " not ready after " + timeout.toSeconds() + " s; the end of "
                        + late.log() + ":" + System.lineSeparator() + late.tail(25));
            }
            // a plain main(): no Awaitility here; half a second between rounds of readiness probes
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    /** SIGTERM to every service at once (Spring shuts down gracefully), then waits; kills what hangs. */
    @Override
    public void close() {
        processes.forEach(ServiceProcess::requestStop);
        processes.forEach(process -> process.awaitStop(Duration.ofSeconds(30)));
    }
}
