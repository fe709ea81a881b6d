/**
 * survey-service alone as its own process (or two, one after the other), on the shared infrastructure but isolated
 * from the rest of the platform by its own topic, consumer groups, database and SMTP server: crash scenarios that
 * kill the service must not disturb the platform the other system tests share.
 */
package io.pulseloop.systemtests.survey;
