package io.pulseloop.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before anything starts, that every port the stack needs is free, so that a second start fails at once
 * with one clear line instead of half a stack and a stack trace.
 */
final class PortGuard {

    private PortGuard() {
    }

    /** The ports of the stack and what uses them, in start order. */
    static Map<Integer, String> portsOf(Options options) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(9092, "Kafka");
        ports.put(9093, "the Kafka controller");
        ports.put(27017, "MongoDB");
        ports.put(1025, "SMTP capture");
        ports.put(8025, "the mail inbox");
        if (options.externalCrmBaseUrl().isEmpty()) {
            ports.put(8090, "the CRM stand-in");
        }
        if (options.infraOnly()) {
            return ports;
        }
        ports.put(8081, "survey-service");
        ports.put(8082, "response-service");
        ports.put(8083, "crm-sync-service");
        ports.put(8084, "closed-loop-service");
        ports.put(8085, "analytics-service");
        return ports;
    }

    /** The first port that is taken, as a message for the user; empty when all are free. */
    static Optional<String> firstTaken(Map<Integer, String> ports) {
        for (Map.Entry<Integer, String> port : ports.entrySet()) {
            if (!isFree(port.getKey())) {
                return Optional.of("Port " + port.getKey() + " (" + port.getValue() + ") is already in use: is "
                        + "Pulseloop (or another " + port.getValue() + ") already running? Stop it and start again.");
            }
        }
        return Optional.empty();
    }

    /**
     * Binding the wildcard address fails when any address, loopback included, already listens on the port. With
     * SO_REUSEADDR (as the servers themselves bind) connections of a run that just ended, in TIME_WAIT, do not count.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
