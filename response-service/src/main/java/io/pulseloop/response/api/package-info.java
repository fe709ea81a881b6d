/** The JSON API: {@code POST /api/v1/responses} for in-app and web widgets, and the staff view of a response. */
package io.pulseloop.response.api;
