package io.pulseloop.testsupport.infrastructure;

/**
 * Started Kafka and MongoDB servers that {@link SharedInfrastructure} hands out and stops at JVM exit.
 */
interface RunningInfrastructure extends AutoCloseable {

    /**
     * Where the servers listen.
     *
     * @return the addresses and the mode
     */
    Infrastructure infrastructure();

    /**
     * A one-line description for the log, e.g. {@code Kafka KRaft at localhost:40001, MongoDB wire server at
     * 127.0.0.1:40002}.
     *
     * @return what runs where
     */
    String description();

    /**
     * Stops both servers; never throws.
     */
    @Override
    void close();
}
