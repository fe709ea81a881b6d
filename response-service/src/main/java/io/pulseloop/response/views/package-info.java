/** Survey page views: {@code SurveyPageViewed}, the "opened" of response rates, once per invitation. */
package io.pulseloop.response.views;
