/**
 * Who may see which tasks (contract §7). Authentication (JWT, local Basic, pages) is service-platform's staff
 * security; this package adds the data-dependent rule: agents their own tasks, managers their team's.
 */
package io.pulseloop.closedloop.security;
