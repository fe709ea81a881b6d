/**
 * The answer rules in plain Java, free of Spring: score scales and bands, which extra question shows for which
 * band, how a further answer turns into a revision, and which language a page speaks.
 */
package io.pulseloop.response.rules;
