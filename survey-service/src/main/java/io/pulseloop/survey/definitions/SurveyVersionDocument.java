package io.pulseloop.survey.definitions;

/** An immutable survey version in collection {@code survey_versions}; {@code id} is {@code <surveyId>@<version>}. */
record SurveyVersionDocument(String id, SurveyDefinition definition) {

    static String key(String surveyId, int version) {
        return surveyId + "@" + version;
    }
}
