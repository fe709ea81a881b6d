/** The task inbox for staff (contract §6.1): server-rendered pages and plain HTML forms, no JavaScript needed. */
package io.pulseloop.closedloop.inbox;
