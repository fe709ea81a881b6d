/** survey-service's own read model of the CRM's contacts: consent, do-not-contact, locale, zone, segment, erasure, opt-out, and the fatigue slot. */
package io.pulseloop.survey.contacts;
