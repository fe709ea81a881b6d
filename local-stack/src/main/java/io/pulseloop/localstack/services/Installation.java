package io.pulseloop.localstack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service's jar as the stack runs it: extracted ({@code java -Djarmode=tools -jar <jar> extract}) under
 * {@code <data>/app/<module>/}, refreshed whenever the built jar changes, with a class-data-sharing archive beside it.
 *
 * <p>Why extracted: a developer may rebuild while the stack runs (a Spring Boot jar rewritten under a running JVM breaks
 * its class loading), and class-data sharing needs classes in plain jars on the class path. Once the stack is ready the
 * first time, a training run per service ({@link ClassDataTraining}) writes the archive; later runs map it
 * ({@code -XX:SharedArchiveFile}) and start with about half the CPU. A stale or unusable archive is ignored by the JVM.
 *
 * @param service the service
 * @param jar the extracted application jar to pass to {@code java -jar}
 * @param archive where its class-data-sharing archive is (or will be)
 */
record Installation(Service service, Path jar, Path archive) {

    private static final String STAMP = ".built-from";

    /** Extracts {@code builtJar} under {@code appDir} unless the same build is already there. */
    static Installation prepare(Service service, Path builtJar, Path appDir)
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
        return new Installation(service, jar, archive);
    }

    boolean hasArchive() {
        return Files.isRegularFile(archive);
    }

    /** The class-data-sharing option of a run: the archive when there is one. */
    List<String> jvmOptions(boolean classDataSharing) {
        return classDataSharing && hasArchive() ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    private static void extract(Path builtJar, Path home) throws IOException, InterruptedException {
        Path log = Files.createTempFile("pulseloop-extract", ".log");
        try {
            Process process = new ProcessBuilder(ServiceProcess.javaExecutable(), "-Djarmode=tools", "-jar",
                    builtJar.toString(), "extract", "--destination", home.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new IOException("could not extract " + builtJar + " (is it being rebuilt right now?): "
                        + output.lines().findFirst().orElse("no output"));
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
