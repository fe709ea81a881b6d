/** Closed-loop KPIs of contract §6.2 from the follow-up task events: opened, resolved, SLA, recovery. */
package io.pulseloop.analytics.followup;
