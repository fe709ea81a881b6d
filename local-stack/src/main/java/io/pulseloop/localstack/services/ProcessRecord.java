package io.pulseloop.localstack.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code <data>/processes}: the launcher's and its services' process ids with their start times. A launcher killed
 * hard (SIGKILL, a crashed terminal) cannot stop its services; the next start on the same data directory finds them
 * here and stops them, instead of failing on their ports. A launcher that is still alive is left alone: that is a real
 * second start, which the port check refuses.
 */
public final class ProcessRecord {

    private final Path file;

    public ProcessRecord(Path file) {
        this.file = file;
    }

    /** Writes the launcher's own process and the services'. */
    public void write(List<ProcessHandle> services) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(line(ProcessHandle.current()));
        services.forEach(service -> lines.add(line(service)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /**
     * Stops the services of an earlier launcher that is no longer alive; returns how many were still running.
     * Processes are matched by id and start time, so a recycled process id is never touched.
     */
    public int stopOrphans() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || find(lines.get(0)).isPresent()) {
            return 0;
        }
        List<ProcessHandle> orphans = lines.stream().skip(1).map(ProcessRecord::find).flatMap(Optional::stream)
                .toList();
        orphans.forEach(ProcessHandle::destroy);
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                orphan.destroyForcibly();
            }
        }
        Files.deleteIfExists(file);
        return orphans.size();
    }

    private static String line(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toString).orElse("-");
    }

    /** The process of a line if it is alive and started when recorded. */
    private static Optional<ProcessHandle> find(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(parts[0])).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().startInstant().map(Instant::toString).orElse("-")
                            .equals(parts[1]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
