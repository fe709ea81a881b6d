package io.pulseloop.survey.email;

import java.util.List;

/**
 * An invitation or reminder ready to send.
 *
 * @param scoreUrls one one-click link per score of the scale, lowest first
 */
public record RenderedEmail(String subject, String text, String html, String surveyUrl, List<String> scoreUrls,
        String unsubscribeUrl) {
}
