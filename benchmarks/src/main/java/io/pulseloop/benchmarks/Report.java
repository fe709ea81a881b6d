package io.pulseloop.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one benchmark run, rendered as Markdown with the machine, the date and the command. */
final class Report {

    static final String BEGIN = "<!-- benchmarks:as-users-run-it:begin -->";
    static final String END = "<!-- benchmarks:as-users-run-it:end -->";

    record Step(int contacts, Map<String, Double> ratesPerSecond) {
    }

    final List<Double> rawBroker = new ArrayList<>();
    final List<Step> contactSteps = new ArrayList<>();
    final List<Double> inbound = new ArrayList<>();
    final List<Double> registry = new ArrayList<>();
    final List<Double> decisions = new ArrayList<>();
    final Map<Integer, List<OpenLoopLoad.Result>> answers = new LinkedHashMap<>();
    final List<Long> scoreToTask = new ArrayList<>();
    final List<Long> scoreToAnalytics = new ArrayList<>();
    /** Per process: RSS after the load and the peak RSS, MiB. */
    final Map<String, long[]> rss = new LinkedHashMap<>();
    double emails = Double.NaN;
    double emailsFromTrigger = Double.NaN;
    long emailsSent;
    long emailsExpected;
    int distinctInvitations;
    long settleSeconds;
    long settleLag;
    int answersRevisions;
    int freshnessFailures;
    final List<Profiles.Phase> phases = new ArrayList<>();
    String profiles = "";

    private final Options options;
    private final String arguments;
    private final ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC);

    Report(Options options, String arguments) {
        this.options = options;
        this.arguments = arguments;
    }

    String render() {
        StringBuilder md = new StringBuilder();
        double raw = Stats.median(rawBroker);
        md.append("### Run of ").append(startedAt.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(" UTC\n\n")
                .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(ManagementFactory.getOperatingSystemMXBean().getName()).append(", Java ")
                .append(System.getProperty("java.version")).append(", load average at start ")
                .append(String.format(Locale.ROOT, "%.2f",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).append('\n')
                .append("- command: `java -jar benchmarks/target/benchmarks.jar ").append(arguments).append("`\n")
                .append("- processes: infrastructure in one JVM (`local-stack --infra-only")
                .append(options.mongoInMemory() ? " --in-memory`: MongoDB wire server in memory" : "`: MongoDB wire "
                        + "server on disk, H2").append(", `-Xmx").append(options.infraHeap()).append("`), each service `java -Xmx")
                .append(options.heap()).append(" -jar`, profile `local`; load and measurements from the benchmark's JVM\n")
                .append("- figures: min / median / max of ").append(options.runs()).append(" runs where repeated\n\n")
                .append("| figure | measured | share of raw broker | aim |\n|---|---|---|---|\n");
        row(md, "raw broker, 600 B records, `acks=all` (ProducerPerformance), records/s",
                Stats.minMedianMax(rawBroker, "%,.0f"), "100 %", "reference");
        row(md, "CRM events through crm-sync (" + options.inboundEvents() + " ticket closures per run), events/s",
                Stats.minMedianMax(inbound, "%,.0f"), share(Stats.median(inbound), raw), "≥ 20,000/s, ≥ 25 %");
        row(md, "crm-sync contact registry applied (same events), events/s",
                Stats.minMedianMax(registry, "%,.0f"), share(Stats.median(registry), raw), "keeps pace with inbound");
        row(md, "survey-service decisions on the same events, events/s",
                Stats.minMedianMax(decisions, "%,.0f"), share(Stats.median(decisions), raw), "–");
        if (!contactSteps.isEmpty()) {
            Step first = contactSteps.get(0);
            Step last = contactSteps.get(contactSteps.size() - 1);
            for (String key : first.ratesPerSecond().keySet()) {
                Double lastRate = last.ratesPerSecond().get(key);
                row(md, "contact upserts, " + key + ", per s at " + first.contacts() + " → " + last.contacts()
                        + " contacts", BenchmarkMain.format(first.ratesPerSecond().get(key)) + " → "
                        + (lastRate == null ? "–" : BenchmarkMain.format(lastRate)), "–",
                        "flat (last within 20 % of first)");
            }
        }
        row(md, "survey invitations emailed, per s (" + emailsSent + " of " + emailsExpected + " expected)",
                BenchmarkMain.format(emails) + " (first to last email); " + BenchmarkMain.format(emailsFromTrigger)
                        + " from the first trigger", "–", "≥ 1,000/s");
        for (Map.Entry<Integer, List<OpenLoopLoad.Result>> level : answers.entrySet()) {
            List<OpenLoopLoad.Result> results = level.getValue();
            row(md, "answers offered at " + level.getKey() + "/s (open loop, " + options.seconds() + " s): ok/s",
                    Stats.minMedianMax(results.stream().map(OpenLoopLoad.Result::okPerSecond).toList(), "%,.0f"),
                    "–", "≥ 2,000/s");
            row(md, "answers offered at " + level.getKey() + "/s: p50 / p99 of all, ms",
                    Stats.minMedianMax(results.stream().map(OpenLoopLoad.Result::p50Millis).toList(), "%.1f") + " ; "
                            + Stats.minMedianMax(results.stream().map(OpenLoopLoad.Result::p99Millis).toList(), "%.1f"),
                    "–", "p99 < 50 ms; beyond capacity a fast 503");
            row(md, "answers offered at " + level.getKey() + "/s: statuses (last run)",
                    results.get(results.size() - 1).statuses() + ", timeouts "
                            + results.get(results.size() - 1).timeouts(), "–", "–");
        }
        row(md, "score → task visible in closed-loop's API, p50 / p99 ms (" + scoreToTask.size() + " samples)",
                percentiles(scoreToTask), "–", "p99 < 1,000 ms");
        row(md, "score → counted by analytics' API, p50 / p99 ms (" + scoreToAnalytics.size() + " samples)",
                percentiles(scoreToAnalytics), "–", "p99 < 1,000 ms");
        for (Map.Entry<String, long[]> process : rss.entrySet()) {
            row(md, "RSS after load / peak RSS: " + process.getKey() + ", MiB", process.getValue()[0] + " / "
                    + process.getValue()[1], "–", process.getKey().startsWith("infrastructure") ? "–" : "≤ 512 MiB");
        }
        md.append('\n');
        if (!contactSteps.isEmpty()) {
            md.append("<details><summary>contact upserts per step</summary>\n\n| contacts | ")
                    .append(String.join(" | ", contactSteps.get(0).ratesPerSecond().keySet()))
                    .append(" |\n|---|").append("---|".repeat(contactSteps.get(0).ratesPerSecond().size()))
                    .append('\n');
            for (Step step : contactSteps) {
                md.append("| ").append(step.contacts()).append(" | ").append(step.ratesPerSecond().values().stream()
                        .map(BenchmarkMain::format).collect(Collectors.joining(" | "))).append(" |\n");
            }
            md.append("\n</details>\n\n");
        }
        md.append("Before the answers, every service read what the inbound rounds had left it: ").append(settleSeconds)
                .append(" s").append(settleLag == 0 ? "" : ", and " + settleLag + " records were still unread after 30 minutes")
                .append(".\n");
        md.append("Invitations answered: ").append(distinctInvitations).append(" distinct tokens; ")
                .append(answersRevisions).append(" requests revised an earlier answer (200) once tokens ran out; ")
                .append(freshnessFailures).append(" freshness samples timed out (30 s).\n");
        if (!profiles.isEmpty()) {
            md.append("\n<details><summary>where the CPU went, per phase and process (flight recordings)</summary>\n\n")
                    .append("Cores used: the JVM's own user + system CPU, averaged over the phase (")
                    .append(Runtime.getRuntime().availableProcessors())
                    .append(" cores in all). Samples by library: the first stack frame outside the JDK. Recordings "
                            + "and logs are under `benchmarks/target/run-*/`.\n\n")
                    .append(profiles).append("</details>\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String figure, String measured, String share, String aim) {
        md.append("| ").append(figure).append(" | ").append(measured).append(" | ").append(share).append(" | ")
                .append(aim).append(" |\n");
    }

    private static String share(double value, double raw) {
        return Double.isNaN(value) || Double.isNaN(raw) || raw == 0 ? "–"
                : String.format(Locale.ROOT, "%.1f %%", 100 * value / raw);
    }

    private static String percentiles(List<Long> millis) {
        long[] sorted = Stats.sorted(millis.stream().mapToLong(Long::longValue).toArray());
        return sorted.length == 0 ? "–" : String.format(Locale.ROOT, "%.0f / %.0f",
                Stats.percentile(sorted, 50), Stats.percentile(sorted, 99));
    }

    /** Replaces the previous "as users run it" section of {@code docs/benchmarks.md} (or appends one). */
    void writeInto(Path document) throws IOException {
        String table = BEGIN + "\n" + render() + END;
        String existing = Files.exists(document) ? Files.readString(document) : "# Benchmarks\n";
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        String updated = begin >= 0 && end > begin
                ? existing.substring(0, begin) + table + existing.substring(end + END.length())
                : existing + "\n## As users run it\n\n" + table + "\n";
        Files.writeString(document, updated);
    }
}
