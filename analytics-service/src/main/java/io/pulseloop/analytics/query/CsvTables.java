package io.pulseloop.analytics.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The CSV of a table answer: a header row of the JSON field names of a group, one row per group. Nested objects
 * become dotted columns ({@code previous.responses}), a {@code [low, high]} pair two columns ({@code interval.low},
 * {@code interval.high}). A text cell starting with {@code =}, {@code +}, {@code -} or {@code @} (or a tab or
 * carriage return) is prefixed with {@code '} so that a spreadsheet shows it instead of evaluating it (OWASP
 * "CSV injection"); numbers are written as numbers.
 */
public final class CsvTables {

    public static final String MEDIA_TYPE = "text/csv";

    private static final CsvMapper CSV = CsvMapper.builder().build();

    private CsvTables() {
    }

    public static String write(List<Map<String, Object>> rows) {
        List<Map<String, Object>> flat = rows.stream().map(CsvTables::flatten).toList();
        Set<String> columns = new LinkedHashSet<>();
        flat.forEach(row -> columns.addAll(row.keySet()));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        List<Map<String, Object>> cells = new ArrayList<>();
        for (Map<String, Object> row : flat) {
            Map<String, Object> safe = new LinkedHashMap<>();
            for (String column : columns) {
                safe.put(column, neutralise(row.get(column)));
            }
            cells.add(safe);
        }
        if (columns.isEmpty()) {
            return "";
        }
        return CSV.writer(schema.build()).writeValueAsString(cells);
    }

    /** Text a spreadsheet would take for a formula gets a leading apostrophe; everything else is left as it is. */
    public static Object neutralise(Object value) {
        if (value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    private static Map<String, Object> flatten(Map<String, Object> row) {
        Map<String, Object> flat = new LinkedHashMap<>();
        row.forEach((name, value) -> flatten(name, value, flat));
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String name, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> nested) {
            ((Map<String, Object>) nested).forEach((inner, v) -> flatten(name + "." + inner, v, flat));
        } else if (value instanceof double[] pair && pair.length == 2) {
            flat.put(name + ".low", pair[0]);
            flat.put(name + ".high", pair[1]);
        } else if (value instanceof List<?> list) {
            flat.put(name, String.join(" | ", list.stream().map(String::valueOf).toList()));
        } else {
            flat.put(name, value);
        }
    }
}
