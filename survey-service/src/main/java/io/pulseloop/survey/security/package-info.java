/**
 * Who may call the staff API: the platform's staff security (JWT bearer tokens in production, HTTP Basic
 * admin/admin in the local profile), and who may change survey definitions.
 */
package io.pulseloop.survey.security;
