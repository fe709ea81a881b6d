/** Durable scheduling: claiming due sends, reminders and expiries with leases in MongoDB, dispatching them exactly once across replicas, and retrying failed sends with backoff. */
package io.pulseloop.survey.scheduling;
