package io.pulseloop.survey.waves;

import java.time.Instant;

/**
 * The progress of a scheduled survey's waves, in collection {@code waves} ({@code id} = survey id).
 *
 * @param wave       the number of the wave due at {@code startAt}
 * @param cursor     the last contact id planned in that wave; waves go through the audience in pages
 *                   (a replica working on the wave holds the platform lease field {@code lease})
 */
record WaveDocument(String id, long wave, Instant startAt, String cursor) {
}
