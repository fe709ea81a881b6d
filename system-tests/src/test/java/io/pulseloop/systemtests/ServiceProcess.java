package io.pulseloop.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service's executable jar running as its own JVM, with its output in a log file under
 * {@code system-tests/target/system-tests/}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Spring's default profile: what production runs (JWT staff security, quiet hours, real due times). */
    public static final String PRODUCTION_PROFILE = "default";

    /**
     * Starts {@code <project>/<module>/target/<module>.jar} with profile {@code local}, the given environment and
     * HTTP port. Fails at once, saying so, when the jar has not been packaged.
     */
    public static ServiceProcess start(Path projectDir, String module, int port, Map<String, String> environment,
            Path logDir) throws IOException {
        return start(projectDir, module, port, environment, logDir, "local");
    }

    /** As {@link #start(Path, String, int, Map, Path)}, with the given Spring profile. */
    public static ServiceProcess start(Path projectDir, String module, int port, Map<String, String> environment,
            Path logDir, String profile) throws IOException {
        Path jar = projectDir.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: system-tests start the packaged services; run "
                    + "`./mvnw -B -ntp verify` (or package the services) first");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(module + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("SPRING_PROFILES_ACTIVE", profile);
        return new ServiceProcess(module, port, log, builder.start());
    }

    /** Waits until {@code /actuator/health/readiness} answers 200, or fails naming the log to read. */
    public ServiceProcess awaitReady(Duration timeout) {
        await("readiness of " + name + " (log: " + log + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .failFast("the " + name + " process exited; see " + log, () -> !process.isAlive())
                .until(this::isReady);
        return this;
    }

    private boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /**
     * Kills the process the hard way (SIGKILL: no shutdown hook, no graceful shutdown), as a crash or an OOM killer
     * would, and waits until it is gone.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
