package io.pulseloop.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTests {

    @Test
    void replacesOnlyItsOwnSectionOfTheBenchmarksPage(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n\nhand-written intro\n\n" + Report.BEGIN + "\nold figures\n"
                + Report.END + "\n\nhand-written outro\n");
        Report report = new Report(Options.parse(new String[] {"--runs", "2"}), "--runs 2");
        report.rawBroker.add(100_000.0);
        report.rawBroker.add(120_000.0);
        report.inbound.add(25_000.0);
        report.inbound.add(30_000.0);

        report.writeInto(page);

        String written = Files.readString(page);
        assertThat(written).startsWith("# Benchmarks\n\nhand-written intro").endsWith("hand-written outro\n")
                .doesNotContain("old figures")
                .contains("| raw broker, 600 B records, `acks=all` (ProducerPerformance), records/s | 100,000 / 110,000 / 120,000 | 100 % |")
                .contains("25,000 / 27,500 / 30,000 | 25.0 % |");
    }

    @Test
    void appendsTheSectionWhenThePageHasNone(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("benchmarks.md");
        Files.writeString(page, "# Benchmarks\n");

        new Report(Options.parse(new String[0]), "").writeInto(page);

        assertThat(Files.readString(page)).contains("## As users run it", Report.BEGIN, Report.END);
    }
}
