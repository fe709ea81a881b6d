/**
 * The public side's security (survey pages, unsubscribe, the answer API: CSRF for cross-site posts, CSP, CORS, size
 * and rate limits), in front of the platform's staff security (JWT bearer tokens in production, HTTP Basic
 * admin/admin in the local profile).
 */
package io.pulseloop.response.security;
