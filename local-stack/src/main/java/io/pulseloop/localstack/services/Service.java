package io.pulseloop.localstack.services;

import java.nio.file.Path;

/** The five services of contract §1, in start order (the CRM's way in first, analytics last). */
public enum Service {

    CRM_SYNC("crm-sync-service", 8083),
    SURVEY("survey-service", 8081),
    RESPONSE("response-service", 8082),
    CLOSED_LOOP("closed-loop-service", 8084),
    ANALYTICS("analytics-service", 8085);

    private final String module;
    private final int port;

    Service(String module, int port) {
        this.module = module;
        this.port = port;
    }

    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** {@code <project>/<module>/target/<module>.jar}. */
    public Path jar(Path projectDir) {
        return projectDir.resolve(module).resolve("target").resolve(module + ".jar");
    }
}
