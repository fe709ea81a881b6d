package io.pulseloop.analytics.themes.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The terms of a comment: Lucene's analyser for its language (Czech: {@code CzechAnalyzer}, light stemmer of Dolamic
 * and Savoy; Polish: {@code PolishAnalyzer}, the Stempel stemmer; English and anything else: {@code EnglishAnalyzer},
 * Porter), which lower-cases, drops stop words and stems, so that "pomalý", "pomalá" and "pomalé" are one term.
 * Unigrams are the stems; bigrams two stems next to each other in the text (not across a removed stop word).
 * Each term comes with the words it was written as, so the answer can show a word people wrote rather than a stem.
 * Thread-safe: Lucene analysers reuse their token streams per thread.
 */
public final class TermExtractor {

    private static final Map<String, Analyzer> ANALYZERS = Map.of(
            "cs", new CzechAnalyzer(),
            "pl", new PolishAnalyzer(),
            "en", new EnglishAnalyzer());

    private TermExtractor() {
    }

    /** The language a locale's comments are analysed in: cs, pl, or en for everything else. */
    public static String language(String locale) {
        if (locale == null) {
            return "en";
        }
        String language = locale.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return ANALYZERS.containsKey(language) ? language : "en";
    }

    /**
     * @return each distinct term of the comment (stem, or "stem stem" for a bigram) with the text it was written as,
     *     in order of appearance
     */
    public static Map<String, String> terms(String comment, String language) {
        Map<String, String> terms = new LinkedHashMap<>();
        if (comment == null || comment.isBlank()) {
            return terms;
        }
        Analyzer analyzer = ANALYZERS.getOrDefault(language, ANALYZERS.get("en"));
        List<String[]> tokens = new ArrayList<>(); // {stem, surface, positionIncrement}
        try (TokenStream stream = analyzer.tokenStream("comment", comment)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String surface = comment.substring(offset.startOffset(), offset.endOffset())
                        .toLowerCase(Locale.ROOT);
                tokens.add(new String[] {term.toString(), surface, Integer.toString(increment.getPositionIncrement()),
                    Integer.toString(offset.startOffset()), Integer.toString(offset.endOffset())});
            }
            stream.end();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        for (int i = 0; i < tokens.size(); i++) {
            String[] token = tokens.get(i);
            if (token[0].length() > 1) {
                terms.putIfAbsent(token[0], token[1]);
            }
            if (i > 0 && "1".equals(token[2])) {
                String[] before = tokens.get(i - 1);
                String surface = comment.substring(Integer.parseInt(before[3]), Integer.parseInt(token[4]))
                        .toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                terms.putIfAbsent(before[0] + " " + token[0], surface);
            }
        }
        return terms;
    }
}
