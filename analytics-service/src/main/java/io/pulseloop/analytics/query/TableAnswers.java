package io.pulseloop.analytics.query;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Answers a table endpoint as JSON, or as CSV of its rows when the caller accepts {@code text/csv}. */
public final class TableAnswers {

    private TableAnswers() {
    }

    public static boolean wantsCsv(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(CsvTables.MEDIA_TYPE);
    }

    public static ResponseEntity<?> answer(String accept, Map<String, Object> json, List<Map<String, Object>> rows) {
        if (wantsCsv(accept)) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .body(CsvTables.write(rows));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }
}
