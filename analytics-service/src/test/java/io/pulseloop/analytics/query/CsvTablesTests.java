package io.pulseloop.analytics.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CsvTablesTests {

    @Test
    void neutralisesCellsThatASpreadsheetWouldEvaluate() {
        List<Map<String, Object>> rows = List.of(row("=HYPERLINK(\"http://evil\")", -20.5), row("+1", 0.0),
                row("-2", 1.0), row("@SUM(A1)", 2.0), row("north", 3.0));

        String csv = CsvTables.write(rows);

        assertThat(csv.lines()).containsExactly("key,score",
                "\"'=HYPERLINK(\"\"http://evil\"\")\",-20.5", "\"'+1\",0.0", "\"'-2\",1.0", "\"'@SUM(A1)\",2.0",
                "north,3.0");
    }

    @Test
    void flattensNestedGroupsIntoDottedColumns() {
        Map<String, Object> group = row("north", 30.0);
        group.put("interval", new double[] {20.0, 40.0});
        group.put("previous", new LinkedHashMap<>(Map.of("responses", 0L)));

        assertThat(CsvTables.write(List.of(group)).lines().findFirst())
                .hasValue("key,score,interval.low,interval.high,previous.responses");
    }

    private static Map<String, Object> row(String key, double score) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("score", score);
        return row;
    }
}
