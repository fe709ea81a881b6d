/** The MongoDB-wire-compatible store on port 27017, backed by an H2 MVStore file so data survives restarts. */
package io.pulseloop.localstack.mongo;
