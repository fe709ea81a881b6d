package io.pulseloop.analytics.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.pulseloop.analytics.themes.analysis.TermExtractor;

/**
 * The terms of one comment ({@link TermExtractor}: Lucene's analyser for its language, stems and bigrams), which the
 * themes query does for every comment it ranks. One typical comment of about twenty words per language. Run with
 * {@code -Pjmh} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThemeTermsJmh {

    private static final Map<String, String> COMMENTS = Map.of(
            "cs", "Technik přijel o dvě hodiny později, než slíbil, a router se stejně každý večer restartuje. "
                    + "Podpora na telefonu byla ale milá a rychlá.",
            "pl", "Technik przyjechał dwie godziny później niż obiecał, a router i tak restartuje się co wieczór. "
                    + "Obsługa na infolinii była jednak miła i szybka.",
            "en", "The technician arrived two hours later than promised, and the router still restarts every "
                    + "evening. The phone support was friendly and quick, though.");

    @Param({"cs", "pl", "en"})
    public String language;

    private String comment;

    @Setup
    public void setUp() {
        comment = COMMENTS.get(language);
        if (extractTerms().size() < 10) {
            throw new IllegalStateException("the sample comment has too few terms: " + extractTerms());
        }
    }

    @Benchmark
    public Map<String, String> extractTerms() {
        return TermExtractor.terms(comment, language);
    }
}
