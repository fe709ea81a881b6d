package io.pulseloop.events.survey;

/** The three scales Pulseloop measures, with their inclusive bounds. */
public enum Metric {
    /** Net Promoter Score: "how likely are you to recommend us", 0–10. */
    NPS(0, 10),
    /** Customer satisfaction with one interaction, 1–5. */
    CSAT(1, 5),
    /** Customer effort: "how easy was it", 1–7. */
    CES(1, 7);

    private final int min;
    private final int max;

    Metric(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }
}
