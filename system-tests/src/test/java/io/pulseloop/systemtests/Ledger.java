package io.pulseloop.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a fault run put in and what came out, per kind of effect: inputs, effects, lost, duplicated — the
 * bookkeeping of Kafka's transactions system test. Written as a Markdown table to
 * {@code target/system-tests/faults/ledgers.md} (the figures of {@code docs/proof/faults.md}).
 */
final class Ledger {

    /** One kind of effect. {@code detail} names the contacts lost or duplicated (at most a few). */
    record Row(String effect, int inputs, int effects, int lost, int duplicated, String detail) {
    }

    private final String run;
    private final Duration took;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Ledger(String run, Duration took) {
        this.run = run;
        this.took = took;
    }

    /**
     * A per-contact effect that must happen exactly once for each input.
     *
     * @param inputs the contacts that must have it
     * @param counts how often each contact had it
     */
    Ledger row(String effect, List<String> inputs, Map<String, Integer> counts) {
        int effects = 0;
        int duplicated = 0;
        List<String> lost = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (String input : inputs) {
            int count = counts.getOrDefault(input, 0);
            if (count == 0) {
                lost.add(input);
            } else {
                effects++;
                duplicated += count - 1;
                if (count > 1) {
                    twice.add(input + "×" + count);
                }
            }
        }
        rows.add(new Row(effect, inputs.size(), effects, lost.size(), duplicated,
                (lost.isEmpty() ? "" : "lost " + first(lost)) + (twice.isEmpty() ? "" : " twice " + first(twice))));
        return this;
    }

    /** A number that must equal the inputs (an aggregate, a count across contacts). */
    Ledger aggregate(String effect, int expected, int observed) {
        rows.add(new Row(effect, expected, observed, Math.max(0, expected - observed),
                Math.max(0, observed - expected), ""));
        return this;
    }

    /** A line under the table: what the run saw that explains a row (a stage given up on, a lost effect's state). */
    Ledger note(String line) {
        notes.add(line);
        return this;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    int lost() {
        return rows.stream().mapToInt(Row::lost).sum();
    }

    int duplicated() {
        return rows.stream().mapToInt(Row::duplicated).sum();
    }

    /** The rows whose effects differ from their inputs. */
    List<Row> failures() {
        return rows.stream().filter(row -> row.lost() > 0 || row.duplicated() > 0 || row.inputs() != row.effects())
                .toList();
    }

    String table(String title) {
        StringBuilder table = new StringBuilder("### ").append(title).append(" (run ").append(run).append(", ")
                .append(took.toSeconds()).append(" s)\n\n| effect | inputs | effects | lost | duplicated |\n"
                        + "|---|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append("| ").append(row.effect()).append(" | ").append(row.inputs()).append(" | ")
                    .append(row.effects()).append(" | ").append(row.lost()).append(" | ").append(row.duplicated())
                    .append(row.detail().isBlank() ? "" : " (" + row.detail().trim() + ")").append(" |\n");
        }
        if (!notes.isEmpty()) {
            table.append('\n');
            notes.forEach(note -> table.append("- ").append(note).append('\n'));
        }
        return table.toString();
    }

    /** Appends the table to {@code target/system-tests/faults/ledgers.md}. */
    void write(String title) {
        Path file = Path.of(System.getProperty("pulseloop.system-tests.logs", "target/system-tests"))
                .resolve("faults").resolve("ledgers.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table(title) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String first(List<String> items) {
        return items.size() <= 5 ? String.join(", ", items) : String.join(", ", items.subList(0, 5)) + ", …";
    }
}
