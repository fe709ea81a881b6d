/** Who may call the staff API: JWT bearer tokens in production, HTTP Basic admin/admin in the local profile. */
package io.pulseloop.survey.security;
