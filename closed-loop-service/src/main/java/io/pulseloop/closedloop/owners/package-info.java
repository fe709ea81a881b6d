/** The directory of CRM owners and their managers: who gets a task, and where it escalates. */
package io.pulseloop.closedloop.owners;
