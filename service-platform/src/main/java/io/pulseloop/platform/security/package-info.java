/**
 * Staff security for every service: JWT bearer tokens outside the {@code local} profile, HTTP Basic admin/admin only
 * in it, open health/info/prometheus/OpenAPI, and {@link io.pulseloop.platform.security.StaffMember} for the caller.
 */
package io.pulseloop.platform.security;
