package io.pulseloop.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line settings of a benchmark run; every one has a default that reproduces the figures in
 * {@code docs/benchmarks.md}.
 *
 * @param contacts     contacts in the registry at the end (published in {@code steps} equal batches, so the cost of
 *                     a contact upsert can be compared at 5 % and at 100 % of the data)
 * @param steps        batches the contacts arrive in
 * @param inboundEvents CRM events per inbound round (ticket closures spread over the contacts)
 * @param runs         rounds of every measurement, for min / median / max
 * @param rates        offered answer rates per second for the open-loop intake load
 * @param seconds      seconds of load at each offered rate
 * @param rawRecords   records per ProducerPerformance run (600 B each)
 * @param infraHeap    {@code -Xmx} of the infrastructure JVM: with 100,000 contacts its in-memory MongoDB, broker and
 *                     captured mail outgrew the JVM's default (a quarter of the machine's memory) and it spent both
 *                     cores collecting garbage
 * @param mongoInMemory the MongoDB wire server keeps data in memory (default) rather than in its on-disk H2 store,
 *                     whose Java serialization made the database the bottleneck ({@code --mongo-on-disk} measures it)
 * @param profile      every JVM of the platform records a flight recording, summarised per phase in the report
 * @param serviceJvmOptions more options for every service's JVM after {@code -Xmx<heap>}, space-separated (e.g.
 *                     the local mode's {@code -XX:+UseSerialGC -Xss512k}); none by default
 */
record Options(Path projectDir, int contacts, int steps, int inboundEvents, int runs, List<Integer> rates,
        int seconds, int rawRecords, int freshnessSamples, String heap, String infraHeap, boolean writeDocs,
        boolean profile, boolean mongoInMemory, List<String> serviceJvmOptions) {

    static Options parse(String[] args) {
        Path projectDir = Path.of("").toAbsolutePath();
        int contacts = 100_000;
        int steps = 20;
        int inbound = 200_000;
        int runs = 3;
        List<Integer> rates = List.of(500, 1000, 2000, 3000);
        int seconds = 10;
        int raw = 1_000_000;
        int freshness = 50;
        String heap = "512m";
        String infraHeap = "12g";
        boolean writeDocs = true;
        boolean profile = true;
        boolean mongoInMemory = true;
        List<String> serviceJvmOptions = List.of();
        List<String> list = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i);
            String value = i + 1 < list.size() ? list.get(i + 1) : "";
            switch (name) {
                case "--project-dir" -> projectDir = Path.of(value).toAbsolutePath();
                case "--contacts" -> contacts = Integer.parseInt(value);
                case "--steps" -> steps = Integer.parseInt(value);
                case "--inbound-events" -> inbound = Integer.parseInt(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--rates" -> rates = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--raw-records" -> raw = Integer.parseInt(value);
                case "--freshness-samples" -> freshness = Integer.parseInt(value);
                case "--heap" -> heap = value;
                case "--infra-heap" -> infraHeap = value;
                case "--service-jvm-options" -> serviceJvmOptions = value.isBlank() ? List.of()
                        : List.of(value.trim().split("\\s+"));
                case "--no-docs" -> {
                    writeDocs = false;
                    continue;
                }
                case "--no-profile" -> {
                    profile = false;
                    continue;
                }
                case "--mongo-on-disk" -> {
                    mongoInMemory = false;
                    continue;
                }
                default -> throw new IllegalArgumentException("unknown option " + name + "; see benchmarks/README.md");
            }
            i++;
        }
        return new Options(projectDir, contacts, steps, inbound, runs, rates, seconds, raw, freshness, heap,
                infraHeap, writeDocs, profile, mongoInMemory, serviceJvmOptions);
    }
}
