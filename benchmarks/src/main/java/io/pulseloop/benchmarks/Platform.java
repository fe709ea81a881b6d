package io.pulseloop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything as users run it, each in its own JVM: the infrastructure (the local-stack launcher with
 * {@code --infra-only}: KRaft broker on 9092, MongoDB wire server on 27017, SMTP capture on 1025 with its
 * Mailpit-compatible API on 8025, the CRM stand-in on 8090), then the five services with {@code java -Xmx<heap> -jar},
 * profile {@code local} and nothing but the contract's environment variables.
 */
final class Platform implements AutoCloseable {

    static final String BOOTSTRAP = "localhost:9092";
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("crm-sync-service", 8083);
        SERVICES.put("survey-service", 8081);
        SERVICES.put("response-service", 8082);
        SERVICES.put("closed-loop-service", 8084);
        SERVICES.put("analytics-service", 8085);
    }

    private final JavaProcess infrastructure;
    private final Map<String, JavaProcess> services = new LinkedHashMap<>();

    private Platform(JavaProcess infrastructure) {
        this.infrastructure = infrastructure;
    }

    static Platform start(Options options, Path runDir) throws IOException, InterruptedException {
        Path launcher = jar(options.projectDir(), "local-stack");
        Path logs = runDir.resolve("logs");
        List<String> infraCommand = new ArrayList<>(profiling(options, runDir, "infrastructure"));
        infraCommand.addAll(List.of("-Xmx" + options.infraHeap(), "-jar", launcher.toString(), "--infra-only", "--data-dir",
                runDir.resolve("data").toString()));
        if (options.mongoInMemory()) {
            infraCommand.add("--in-memory");
        }
        JavaProcess infrastructure = JavaProcess.start("infrastructure", infraCommand, Map.of(), logs);
        Platform platform = new Platform(infrastructure);
        try {
            for (int port : List.of(9092, 27017, 1025, 8025, 8090)) {
                infrastructure.awaitPort(port, Duration.ofMinutes(2));
            }
            Map<String, String> environment = Map.ofEntries(
                    Map.entry("SPRING_PROFILES_ACTIVE", "local"),
                    Map.entry("SPRING_KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP),
                    Map.entry("SPRING_MONGODB_URI", "mongodb://localhost:27017"),
                    Map.entry("SPRING_MAIL_HOST", "localhost"),
                    Map.entry("SPRING_MAIL_PORT", "1025"),
                    Map.entry("PULSELOOP_PUBLIC_BASE_URL", "http://localhost:8082"),
                    Map.entry("PULSELOOP_INBOX_BASE_URL", "http://localhost:8084"),
                    Map.entry("PULSELOOP_CRM_BASE_URL", "http://localhost:8090"),
                    Map.entry("PULSELOOP_CRM_TOKEN", "benchmark-token"),
                    Map.entry("PULSELOOP_CRM_WEBHOOK_SECRET", "benchmark-webhook-secret"),
                    Map.entry("PULSELOOP_SURVEY_DELAY_OVERRIDE", "PT0S"),
                    // as behind a reverse proxy: the answers' load reports each customer's address in X-Forwarded-For
                    // (OpenLoopLoad), trusted from loopback, so the per-address limit sees customers, not the harness
                    Map.entry("SERVER_FORWARD_HEADERS_STRATEGY", "native"));
            for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
                Path jar = jar(options.projectDir(), service.getKey());
                List<String> command = new ArrayList<>(profiling(options, runDir, service.getKey()));
                command.add("-Xmx" + options.heap());
                command.addAll(options.serviceJvmOptions());
                command.addAll(List.of("-jar", jar.toString(), "--server.port=" + service.getValue()));
                platform.services.put(service.getKey(), JavaProcess.start(service.getKey(), command, environment,
                        logs));
            }
            for (Map.Entry<String, JavaProcess> service : platform.services.entrySet()) {
                service.getValue().awaitHttpOk("http://localhost:" + SERVICES.get(service.getKey())
                        + "/actuator/health/readiness", Duration.ofMinutes(3));
            }
            return platform;
        } catch (IOException | InterruptedException | RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** Where the flight recording of each process goes (written when it exits), or none with --no-profile. */
    static Path profileDir(Path runDir) {
        return runDir.resolve("profiles");
    }

    private static List<String> profiling(Options options, Path runDir, String process) throws IOException {
        if (!options.profile()) {
            return List.of();
        }
        Files.createDirectories(profileDir(runDir));
        return Profiles.recordingOptions(profileDir(runDir), process);
    }

    /** The names of the platform's processes, infrastructure first. */
    static List<String> processNames() {
        List<String> names = new ArrayList<>();
        names.add("infrastructure");
        names.addAll(SERVICES.keySet());
        return names;
    }

    private static Path jar(Path projectDir, String module) {
        Path jar = projectDir.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -B -ntp package -DskipTests");
        }
        return jar;
    }

    /** RSS in MiB of every process of the platform, infrastructure first: now, and the largest it has been. */
    Map<String, long[]> residentMemory() {
        Map<String, long[]> rss = new LinkedHashMap<>();
        rss.put("infrastructure (broker, MongoDB wire server, SMTP capture, CRM stand-in)",
                new long[] {infrastructure.rssMiB(), infrastructure.peakRssMiB()});
        services.forEach((name, process) -> rss.put(name, new long[] {process.rssMiB(), process.peakRssMiB()}));
        return rss;
    }

    @Override
    public void close() {
        List<JavaProcess> reversed = new ArrayList<>(services.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(JavaProcess::close);
        infrastructure.close();
    }
}
