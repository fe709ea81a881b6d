package io.pulseloop.systemtests;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A service's {@code /actuator/prometheus} read as series (name and labels) → value, and sums over them. */
final class Prometheus {

    private Prometheus() {
    }

    /** Every sample of the service's {@code /actuator/prometheus}, by its series (name and labels). */
    static Map<String, Double> scrape(ServiceProcess service) throws Exception {
        HttpResponse<String> response = PlatformDriver.request("GET", service.baseUrl() + "/actuator/prometheus", null,
                null, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("prometheus of " + service.baseUrl() + ": " + response.statusCode());
        }
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.startsWith("#") || space < 0) {
                continue;
            }
            try {
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException ignored) {
                // not a sample line
            }
        }
        return series;
    }

    /** The sum of the series of that name whose labels contain every one given (e.g. {@code outcome="sent"}). */
    static double sum(Map<String, Double> scraped, String name, String... labels) {
        double sum = 0;
        for (Map.Entry<String, Double> series : scraped.entrySet()) {
            if (matches(series.getKey(), name, labels)) {
                sum += series.getValue();
            }
        }
        return sum;
    }

    /** How much {@link #sum} rose between the two scrapes. */
    static double sumDelta(Map<String, Double> before, Map<String, Double> after, String name, String... labels) {
        return sum(after, name, labels) - sum(before, name, labels);
    }

    /** Each series of that name that rose between the scrapes, by its labels, and by how much. */
    static Map<String, Long> delta(Map<String, Double> before, Map<String, Double> after, String name) {
        Map<String, Long> risen = new TreeMap<>();
        after.forEach((series, value) -> {
            if (matches(series, name)) {
                long by = Math.round(value - before.getOrDefault(series, 0.0));
                if (by > 0) {
                    risen.put(series.substring(name.length()), by);
                }
            }
        });
        return risen;
    }

    private static boolean matches(String series, String name, String... labels) {
        if (!series.equals(name) && !series.startsWith(name + "{")) {
            return false;
        }
        for (String label : labels) {
            if (!series.contains(label)) {
                return false;
            }
        }
        return true;
    }
}
