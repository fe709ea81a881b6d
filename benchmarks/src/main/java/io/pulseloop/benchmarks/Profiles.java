package io.pulseloop.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where each process spent its CPU in each phase of the run, from the Java Flight Recorder file every JVM of the
 * platform writes ({@code -XX:StartFlightRecording}, profile settings: a Java stack sample about every 10 ms per
 * running thread). For each process and phase: the cores it used (the JVM's own user + system CPU from
 * {@code jdk.CPULoad}), the time its threads stood still for GC, and the share of its stack samples by the library
 * that was running (the first frame that is not the JDK's own) and by the method on top of the stack.
 */
final class Profiles {

    /**
     * A named stretch of the run; {@code units} things of {@code unit} (CRM events, answers) were done in it, or
     * zero when it has no single unit of work.
     */
    record Phase(String name, Instant start, Instant end, long units, String unit) {

        Phase(String name, Instant start, Instant end) {
            this(name, start, end, 0, "");
        }

        double seconds() {
            return Duration.between(start, end).toNanos() / 1e9;
        }
    }

    /** What one process did during one phase. */
    record Usage(String process, Phase phase, double cores, double gcPauseMillis, long samples,
            Map<String, Double> byLibrary, Map<String, Double> byTopMethod) {

        /** CPU time of this process per unit of the phase's work, in microseconds; NaN without units. */
        double cpuMicrosPerUnit() {
            return phase.units() == 0 ? Double.NaN : cores * phase.seconds() / phase.units() * 1e6;
        }
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final int SHOWN = 6;

    private Profiles() {
    }

    /** JVM options that make a process record into {@code <dir>/<name>.jfr}, written when the process exits. */
    static List<String> recordingOptions(Path dir, String name) {
        return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + dir.resolve(name + ".jfr"));
    }

    static List<Usage> read(Path recording, String process, List<Phase> phases) throws IOException {
        List<Accumulator> accumulators = phases.stream().map(Accumulator::new).toList();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                Instant at = event.getStartTime();
                for (Accumulator accumulator : accumulators) {
                    if (!at.isBefore(accumulator.phase.start()) && at.isBefore(accumulator.phase.end())) {
                        accumulator.add(event);
                    }
                }
            }
        }
        return accumulators.stream().map(accumulator -> accumulator.usage(process)).toList();
    }

    /**
     * One Markdown table per phase: a row per process, busiest first. A phase with a unit of work also gets the CPU
     * each process spent per unit, and the whole platform's, with the rate its CPU cost allows on this machine's cores.
     */
    static String render(List<Usage> usages) {
        Map<Phase, List<Usage>> byPhase = new LinkedHashMap<>();
        usages.forEach(usage -> byPhase.computeIfAbsent(usage.phase(), p -> new ArrayList<>()).add(usage));
        StringBuilder md = new StringBuilder();
        byPhase.forEach((phase, rows) -> {
            boolean perUnit = phase.units() > 0;
            md.append("**").append(phase.name()).append("** (").append(String.format(Locale.ROOT, "%.0f s", phase.seconds()));
            if (perUnit) {
                md.append(", ").append(String.format(Locale.ROOT, "%,d", phase.units())).append(' ').append(phase.unit())
                        .append("s");
            }
            md.append(")\n\n| process | cores used | ").append(perUnit ? "CPU per " + phase.unit() + ", µs | " : "")
                    .append("GC pauses, ms | samples by library | top methods |\n|---|---|")
                    .append(perUnit ? "---|" : "").append("---|---|---|\n");
            rows.stream().sorted(Comparator.comparingDouble(Usage::cores).reversed()).forEach(usage -> {
                md.append("| ").append(usage.process()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", usage.cores())).append(" | ");
                if (perUnit) {
                    md.append(String.format(Locale.ROOT, "%,.0f", usage.cpuMicrosPerUnit())).append(" | ");
                }
                md.append(String.format(Locale.ROOT, "%.0f", usage.gcPauseMillis())).append(" | ")
                        .append(shares(usage.byLibrary())).append(" | ").append(shares(usage.byTopMethod()))
                        .append(" |\n");
            });
            if (perUnit) {
                double total = rows.stream().mapToDouble(Usage::cpuMicrosPerUnit).filter(v -> !Double.isNaN(v)).sum();
                double cores = rows.stream().mapToDouble(Usage::cores).filter(v -> !Double.isNaN(v)).sum();
                md.append("| **platform** | ").append(String.format(Locale.ROOT, "%.2f", cores)).append(" | **")
                        .append(String.format(Locale.ROOT, "%,.0f", total)).append("** | | | CPU allows at most ")
                        .append(String.format(Locale.ROOT, "%,.0f", CORES * 1e6 / total)).append(' ')
                        .append(phase.unit()).append("s/s on ").append(CORES).append(" cores |\n");
            }
            md.append('\n');
        });
        return md.toString();
    }

    private static String shares(Map<String, Double> shares) {
        List<String> parts = new ArrayList<>();
        shares.forEach((name, share) -> parts.add(String.format(Locale.ROOT, "%s %.0f %%", name, 100 * share)));
        return String.join("; ", parts);
    }

    /** The library a stack sample belongs to: the package of its first frame outside the JDK's own packages. */
    static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!isJdk(type)) {
                return packageGroup(type);
            }
        }
        return frames.isEmpty() ? "(none)" : "JDK " + packageGroup(frames.get(0).getMethod().getType().getName());
    }

    /** The first three segments of a class's package ({@code org.apache.kafka}, {@code io.pulseloop.crmsync}). */
    static String packageGroup(String className) {
        String[] parts = className.split("\\.");
        int segments = Math.min(3, parts.length - 1);
        return segments <= 0 ? className : String.join(".", java.util.Arrays.copyOf(parts, segments));
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.") && !type.startsWith("com.sun.mail.") || type.startsWith("javax.");
    }

    private static final class Accumulator {

        private final Phase phase;
        private final Map<String, Long> libraries = new HashMap<>();
        private final Map<String, Long> topMethods = new HashMap<>();
        private long samples;
        private double cpuSum;
        private long cpuReadings;
        private double gcPauseNanos;

        Accumulator(Phase phase) {
            this.phase = phase;
        }

        void add(RecordedEvent event) {
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        return;
                    }
                    samples++;
                    libraries.merge(library(stack.getFrames()), 1L, Long::sum);
                    RecordedFrame top = stack.getFrames().get(0);
                    String method = top.getMethod().getType().getName().replaceAll("^.*\\.", "") + "."
                            + top.getMethod().getName();
                    topMethods.merge(method, 1L, Long::sum);
                }
                case "jdk.CPULoad" -> {
                    cpuSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                    cpuReadings++;
                }
                case "jdk.GCPhasePause" -> gcPauseNanos += event.getDuration().toNanos();
                default -> {
                    // other events of the profile settings are not summarised
                }
            }
        }

        Usage usage(String process) {
            double cores = cpuReadings == 0 ? Double.NaN : CORES * cpuSum / cpuReadings;
            return new Usage(process, phase, cores, gcPauseNanos / 1e6, samples, top(libraries), top(topMethods));
        }

        private Map<String, Double> top(Map<String, Long> counts) {
            Map<String, Double> shares = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(SHOWN)
                    .forEach(entry -> shares.put(entry.getKey(), entry.getValue() / (double) samples));
            return shares;
        }
    }

    static boolean exists(Path recording) {
        return Files.isRegularFile(recording);
    }
}
