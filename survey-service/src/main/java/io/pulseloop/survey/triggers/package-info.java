/** The consumer of crm.contacts.v1: contact upserts and erasures into the read model, ticket and deal events into the planner. */
package io.pulseloop.survey.triggers;
