/** The webhook signature scheme (HMAC-SHA256 over timestamp and raw body, several {@code v1=} values): plain Java. */
package io.pulseloop.crmsync.webhook.rules;
