package io.pulseloop.localstack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's jar as the stack runs it: extracted ({@code java -Djarmode=tools -jar <jar> extract}) under
 * {@code <data>/app/<module>/}, refreshed whenever the built jar changes, with a class-data-sharing archive beside it.
 *
 * <p>Why extracted: a developer may rebuild while the stack runs (a Spring Boot jar rewritten under a running JVM breaks
 * its class loading), and class-data sharing needs classes in plain jars on the class path. The first run writes the
 * archive when the service stops ({@code -XX:ArchiveClassesAtExit}); later runs map it
 * ({@code -XX:SharedArchiveFile}) and start with much less CPU. A stale or unusable archive is ignored by the JVM.
 *
 * @param jar the extracted application jar to pass to {@code java -jar}
 * @param jvmOptions the class-data-sharing option for this run
 */
record Installation(Path jar, List<String> jvmOptions) {

    private static final String STAMP = ".built-from";

    /** Extracts {@code builtJar} under {@code appDir} unless the same build is already there. */
    static Installation prepare(Service service, Path builtJar, Path appDir, boolean classDataSharing)
            throws IOException, InterruptedException {
        Path home = appDir.resolve(service.module());
        Path archive = appDir.resolve(service.module() + ".jsa");
        String stamp = Files.size(builtJar) + " " + Files.getLastModifiedTime(builtJar).toMillis();
        Path stampFile = home.resolve(STAMP);
        Path jar = home.resolve(service.module() + ".jar");
        if (!Files.isRegularFile(jar) || !Files.exists(stampFile)
                || !Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)) {
            Files.deleteIfExists(archive);
            delete(home);
            extract(builtJar, home);
            Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
        }
        List<String> options = new ArrayList<>();
        if (classDataSharing) {
            options.add(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive
                    : "-XX:ArchiveClassesAtExit=" + archive);
        }
        return new Installation(jar, options);
    }

    private static void extract(Path builtJar, Path home) throws IOException, InterruptedException {
        Path log = Files.createTempFile("pulseloop-extract", ".log");
        try {
            Process process = new ProcessBuilder(ServiceProcess.javaExecutable(), "-Djarmode=tools", "-jar",
                    builtJar.toString(), "extract", "--destination", home.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("could not extract " + builtJar + ": "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
