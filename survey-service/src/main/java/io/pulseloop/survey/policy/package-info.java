/** The one contact-pressure policy: eligibility, fatigue, quiet hours, sampling and trigger filters, as plain Java. */
package io.pulseloop.survey.policy;
