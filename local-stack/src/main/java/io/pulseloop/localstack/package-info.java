/** The one-command local mode (contract §9): embedded infrastructure plus the five services as child processes. */
package io.pulseloop.localstack;
