/** closed-loop-service: follow-up tasks for detractors, low CSAT and churn risk, with SLA and escalation. */
package io.pulseloop.closedloop;
