/** survey-service: survey definitions, trigger rules, the contact-pressure policy, durable scheduling and invitation email. */
package io.pulseloop.survey;
