package io.pulseloop.testsupport.infrastructure;

/**
 * Which kind of Kafka broker and MongoDB server the tests of this JVM run against.
 */
public enum InfrastructureMode {

    /**
     * An in-JVM Kafka KRaft broker and an in-JVM MongoDB wire-protocol server (memory backend). Needs no Docker;
     * the MongoDB server lacks some features (see the module README).
     */
    EMBEDDED,

    /**
     * A Kafka container and a single-node MongoDB replica set container, started by Testcontainers.
     */
    CONTAINERS
}
