/**
 * One {@code application/problem+json} shape for every service: {@code type}, {@code title}, {@code status},
 * {@code detail}, and {@code field} / {@code errors[]} naming what was wrong.
 */
package io.pulseloop.platform.problem;
