package io.pulseloop.localstack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private static final ExecutorService INSTALLERS = Executors.newFixedThreadPool(Service.values().length,
            runnable -> {
                Thread thread = new Thread(runnable, "service-installer");
                thread.setDaemon(true);
                return thread;
            });

    private final List<ServiceProcess> processes;
    private final List<Installation> installations;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;

    private ServiceFleet(List<ServiceProcess> processes, List<Installation> installations, List<String> jvmOptions,
            Map<String, String> environment) {
        this.processes = processes;
        this.installations = installations;
        this.jvmOptions = jvmOptions;
        this.environment = environment;
    }

    /** The training that writes the missing class-data-sharing archives; empty when every service has one. */
    public Optional<ClassDataTraining> classDataTraining(Path logDir) {
        List<Installation> missing = installations.stream().filter(i -> !i.hasArchive()).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(new ClassDataTraining(missing, jvmOptions, environment, logDir));
    }

    /** The jars that are missing, as paths relative to the project. */
    public static List<String> missingJars(Path projectDir) {
        return Arrays.stream(Service.values()).map(service -> service.jar(projectDir))
                .filter(jar -> !Files.isRegularFile(jar)).map(jar -> projectDir.relativize(jar).toString()).toList();
    }

    /**
     * Starts every service at once from its installation under {@code appDir} (see {@link Installation}); each finds
     * Kafka, MongoDB and SMTP through {@code environment}.
     */
    public static ServiceFleet start(Path projectDir, Path appDir, Map<String, String> environment,
            Optional<String> jvmOptions, boolean classDataSharing, Path logDir) throws IOException {
        List<String> options = jvmOptions.filter(value -> !value.isBlank())
                .map(value -> List.of(value.trim().split("\\s+"))).orElse(DEFAULT_JVM_OPTIONS);
        List<Installation> installations = install(projectDir, appDir);
        List<ServiceProcess> processes = new ArrayList<>();
        ServiceFleet fleet = new ServiceFleet(processes, installations, options, environment);
        try {
            for (Service service : Service.values()) {
                Installation installation = installations.get(service.ordinal());
                List<String> jvm = new ArrayList<>(options);
                jvm.addAll(installation.jvmOptions(classDataSharing));
                processes.add(ServiceProcess.start(service, installation.jar(), jvm, environment, logDir));
            }
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /** Prepares the five installations in parallel (extraction is mostly I/O). */
    private static List<Installation> install(Path projectDir, Path appDir)
            throws IOException {
        List<CompletableFuture<Installation>> futures = Arrays.stream(Service.values())
                .map(service -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return Installation.prepare(service, service.jar(projectDir), appDir);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }, INSTALLERS)).toList();
        try {
            return futures.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
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
