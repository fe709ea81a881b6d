package io.pulseloop.localstack.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the services' class-data-sharing archives, one service after the other, in the background of a running stack:
 * each service's jar is started once more with {@code -XX:ArchiveClassesAtExit} and
 * {@code -Dspring.context.exit=onRefresh}, so it loads its classes, builds its Spring context (no ports, no consumers)
 * and exits, leaving the archive that later starts map. Spring Boot's recommended way to train CDS; run once per build.
 */
public final class ClassDataTraining implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataTraining.class);

    private final List<Installation> installations;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Path logDir;
    private volatile boolean closed;
    private volatile Process current;

    ClassDataTraining(List<Installation> installations, List<String> jvmOptions, Map<String, String> environment,
            Path logDir) {
        this.installations = installations;
        this.jvmOptions = jvmOptions;
        this.environment = environment;
        this.logDir = logDir;
    }

    /** Trains on a daemon thread; returns at once. */
    public void startInBackground() {
        Thread thread = new Thread(this::trainAll, "class-data-training");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void trainAll() {
        int written = 0;
        for (Installation installation : installations) {
            if (closed) {
                return;
            }
            try {
                if (train(installation)) {
                    written++;
                }
            } catch (IOException e) {
                LOG.debug("class-data training of {} failed", installation.service().module(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!closed && written > 0) {
            LOG.info("(Faster restarts prepared: class-data-sharing archives for {} service(s).)", written);
        }
    }

    private boolean train(Installation installation) throws IOException, InterruptedException {
        Path temporary = installation.archive().resolveSibling(installation.archive().getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-XX:ArchiveClassesAtExit=" + temporary);
        command.add("-Dspring.context.exit=onRefresh");
        command.add("-jar");
        command.add(installation.jar().toString());
        command.add("--spring.profiles.active=local");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                logDir.resolve(installation.service().module() + ".cds-training.log").toFile());
        builder.environment().remove("SERVER_PORT");
        builder.environment().putAll(environment);
        Process process = builder.start();
        current = process;
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
        } finally {
            current = null;
        }
        if (closed || !Files.isRegularFile(temporary) || Files.size(temporary) == 0) {
            Files.deleteIfExists(temporary);
            return false;
        }
        Files.move(temporary, installation.archive(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Stops a training in progress; its half-written archive is discarded. */
    @Override
    public void close() {
        closed = true;
        Process process = current;
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
