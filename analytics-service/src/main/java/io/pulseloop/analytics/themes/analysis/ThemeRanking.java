package io.pulseloop.analytics.themes.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Ranks the terms of one language's comments by how over-represented they are in one category:
 * {@code lift = (count in category / comments in category) / (count in all / all comments)}, where a count is the
 * number of comments containing the term. Terms below the minimum count in the category are left out. Ties by
 * count, then alphabetically.
 */
public final class ThemeRanking {

    private final String language;
    private final int minCount;
    private int all;
    private int inCategory;
    private final Map<String, Integer> allCounts = new HashMap<>();
    private final Map<String, Term> categoryTerms = new HashMap<>();

    public ThemeRanking(String language, int minCount) {
        this.language = language;
        this.minCount = minCount;
    }

    /**
     * Adds one comment of the baseline (every comment of the language), and of the category when
     * {@code ofCategory}; {@code anonymise} turns it into the example text (the contact's names removed).
     */
    public void add(String comment, boolean ofCategory, UnaryOperator<String> anonymise) {
        Map<String, String> terms = TermExtractor.terms(comment, language);
        if (terms.isEmpty()) {
            return;
        }
        all++;
        terms.keySet().forEach(term -> allCounts.merge(term, 1, Integer::sum));
        if (ofCategory) {
            inCategory++;
            String example = null;
            for (Map.Entry<String, String> term : terms.entrySet()) {
                Term ranked = categoryTerms.computeIfAbsent(term.getKey(), Term::new);
                ranked.count++;
                ranked.surfaces.merge(term.getValue(), 1, Integer::sum);
                if (ranked.examples.size() < 3) {
                    example = example == null ? anonymise.apply(comment) : example;
                    ranked.examples.add(example);
                }
            }
        }
    }

    /** The ranked themes, at most {@code limit}. */
    public List<Theme> top(int limit) {
        List<Theme> themes = new ArrayList<>();
        for (Term term : categoryTerms.values()) {
            if (term.count < minCount) {
                continue;
            }
            double lift = ((double) term.count / inCategory) / ((double) allCounts.get(term.stem) / all);
            String surface = term.surfaces.entrySet().stream()
                    .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                            Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(term.stem);
            themes.add(new Theme(surface, term.stem, language, term.count, lift, List.copyOf(term.examples)));
        }
        themes.sort(Comparator.comparingDouble(Theme::lift).reversed().thenComparing(Theme::count,
                Comparator.reverseOrder()).thenComparing(Theme::term));
        return themes.size() > limit ? themes.subList(0, limit) : themes;
    }

    public int comments() {
        return all;
    }

    public int categoryComments() {
        return inCategory;
    }

    /**
     * A theme: {@code term} as most often written, {@code stem} the analysed form that was counted.
     *
     * @param count comments of the category containing the term
     */
    public record Theme(String term, String stem, String locale, int count, double lift, List<String> examples) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("term", term);
            json.put("count", count);
            json.put("lift", lift);
            json.put("examples", examples);
            json.put("stem", stem);
            json.put("locale", locale);
            return json;
        }
    }

    private static final class Term {
        private final String stem;
        private int count;
        private final Map<String, Integer> surfaces = new HashMap<>();
        private final List<String> examples = new ArrayList<>();

        Term(String stem) {
            this.stem = stem;
        }
    }
}
