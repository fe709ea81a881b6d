/** The staff API of contract §6.1: list, read, log attempts, resolve, root causes; errors as problem+json. */
package io.pulseloop.closedloop.tasks.web;
