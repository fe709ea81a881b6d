/**
 * MongoDB the same way everywhere: {@link io.pulseloop.platform.mongo.MongoLease} (who may do a piece of work now, with
 * expiry, takeover and a fencing token) and {@link io.pulseloop.platform.mongo.OutboxRelay} (publish what a document's
 * outbox holds, then remove exactly that) — single-document atomic updates, no transactions.
 */
package io.pulseloop.platform.mongo;
