package io.pulseloop.events.survey;

/**
 * The band a score falls in. NPS: promoter 9–10, passive 7–8, detractor 0–6. CSAT: satisfied 4–5,
 * neutral 3, dissatisfied 1–2. CES: easy 5–7, neutral 4, difficult 1–3.
 */
public enum ScoreCategory {
    PROMOTER,
    PASSIVE,
    DETRACTOR,
    SATISFIED,
    NEUTRAL,
    DISSATISFIED,
    EASY,
    DIFFICULT
}
