package io.pulseloop.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code local-stack.jar} (and {@code ./pulseloop}), with the environment variables that may
 * stand in for each option.
 *
 * @param projectDir the repository root, where {@code <module>/target/<module>.jar} are found
 * @param dataDir where Kafka, MongoDB, the captured mail, the CRM stand-in and the logs keep their data
 * @param demo whether to run the simulated CRM and respondents
 * @param infraOnly only the infrastructure (broker, store, SMTP capture, CRM stand-in), no services: what the
 *                  benchmarks run in a JVM of its own beside the services they start themselves
 * @param inMemory MongoDB keeps its data in memory only (lost at exit, several times faster than on disk)
 * @param readyTimeout how long to wait for every service to report ready
 * @param externalCrmBaseUrl {@code PULSELOOP_CRM_BASE_URL} when set: the write-back goes there and the stand-in stays off
 */
public record Options(Path projectDir, Path dataDir, boolean demo, boolean infraOnly, boolean inMemory,
        Duration readyTimeout, Optional<String> externalCrmBaseUrl) {

    static final String USAGE = """
            Usage: ./pulseloop [--demo] [--in-memory] [--data-dir DIR] [--ready-timeout SECONDS] [--project-dir DIR]
              --demo           simulate a CRM (owners, contacts, tickets, deals) and customers who answer
              --infra-only     only Kafka, MongoDB, the SMTP capture and the CRM stand-in (no services)
              --in-memory      MongoDB keeps its data in memory only: lost at exit, much faster (benchmarks)
              --data-dir       where data is kept between runs (PULSELOOP_DATA_DIR; default <project>/.pulseloop-data)
              --ready-timeout  seconds to wait for the services (default 180)
              --project-dir    the repository root with the built jars (default: found from this jar)
            Environment: PULSELOOP_CRM_BASE_URL (use a real CRM, no stand-in), PULSELOOP_CRM_TOKEN,
              PULSELOOP_CRM_WEBHOOK_SECRET, PULSELOOP_SURVEY_DELAY_OVERRIDE, PULSELOOP_FOLLOWUP_DUE_OVERRIDE,
              PULSELOOP_SERVICE_JAVA_OPTS (JVM options of each service)""";

    /**
     * Reads the arguments.
     *
     * @throws IllegalArgumentException for an unknown option or a missing value, with a message for the user
     */
    static Options parse(List<String> args, Map<String, String> environment, Optional<Path> ownLocation) {
        Path projectDir = null;
        Path dataDir = null;
        boolean demo = false;
        boolean infraOnly = false;
        boolean inMemory = false;
        Duration readyTimeout = Duration.ofSeconds(180);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--demo" -> demo = true;
                case "--infra-only" -> infraOnly = true;
                case "--in-memory" -> inMemory = true;
                case "--data-dir", "--project-dir", "--ready-timeout" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (name.equals("--data-dir")) {
                        dataDir = Path.of(value);
                    } else if (name.equals("--project-dir")) {
                        projectDir = Path.of(value);
                    } else {
                        readyTimeout = Duration.ofSeconds(parseSeconds(value));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (projectDir == null) {
            projectDir = ownLocation.flatMap(Options::projectOf).orElse(Path.of(""));
        }
        projectDir = projectDir.toAbsolutePath().normalize();
        if (dataDir == null) {
            String fromEnvironment = environment.get("PULSELOOP_DATA_DIR");
            dataDir = fromEnvironment == null || fromEnvironment.isBlank() ? projectDir.resolve(".pulseloop-data")
                    : Path.of(fromEnvironment);
        }
        String crm = environment.get("PULSELOOP_CRM_BASE_URL");
        return new Options(projectDir, dataDir.toAbsolutePath().normalize(), demo, infraOnly, inMemory, readyTimeout,
                crm == null || crm.isBlank() ? Optional.empty() : Optional.of(crm));
    }

    private static long parseSeconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds <= 0) {
                throw new IllegalArgumentException("--ready-timeout must be positive");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ready-timeout takes seconds, not " + value, e);
        }
    }

    /**
     * The repository root seen from this program's own location: {@code <root>/local-stack/target/local-stack.jar}
     * or {@code <root>/local-stack/target/classes}; both are three levels below the root.
     */
    static Optional<Path> projectOf(Path ownLocation) {
        Path candidate = ownLocation.toAbsolutePath().normalize();
        for (int i = 0; i < 3 && candidate != null; i++) {
            candidate = candidate.getParent();
        }
        return Optional.ofNullable(candidate).filter(root -> Files.isRegularFile(root.resolve("pom.xml")));
    }

    /** Where this program runs from: the {@code local-stack} entry of the class path, if any. */
    static Optional<Path> ownLocation(String classPath) {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (path.endsWith(Path.of("local-stack", "target", "local-stack.jar"))
                    || path.endsWith(Path.of("local-stack", "target", "classes"))) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
