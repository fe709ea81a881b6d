# syntax=docker/dockerfile:1
# The image of every Pulseloop service: one Dockerfile, the service named by two build arguments.
#   SERVICE  the Maven module, e.g. survey-service (its jar: <SERVICE>/target/<SERVICE>.jar)
#   PORT     its HTTP port, contract §1 (its server.port: survey 8081, response 8082, crm-sync 8083, closed-loop
#            8084, analytics 8085)
#
# Built from the jar the Maven reactor produced, not by running Maven inside Docker:
#   ./mvnw -B -ntp package -DskipTests      # or `verify`: the image then holds exactly the tested jar
#   docker build --build-arg SERVICE=survey-service --build-arg PORT=8081 -t pulseloop/survey-service .
# docker-compose.yml passes both arguments for each service. The build context is the repository root, and
# .dockerignore lets only the services' jars into it. The services depend on the reactor's common-events and
# service-platform modules, so an in-image Maven build would download the dependency tree once per service;
# copying the jar (the root pom's finalName) keeps the bytes identical to the jar the tests ran against.
# docs/operations.md, "Images", says the same; deploy's DockerfileTests check it against every service's module.

# --- stage 1: split the Spring Boot jar into its layers (dependencies change rarely, application often)
FROM eclipse-temurin:17-jre AS layers
ARG SERVICE
ARG PORT
RUN test -n "${SERVICE}" -a -n "${PORT}" \
    || { echo "Name the service: --build-arg SERVICE=survey-service --build-arg PORT=8081" >&2; exit 1; }
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}.jar app.jar
# Boot 4's tools jar mode; --launcher keeps the JarLauncher layout, so the classpath order is the jar's own
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# --- stage 2: the runtime image
FROM eclipse-temurin:17-jre
# a fixed numeric uid/gid, so Kubernetes' runAsNonRoot can verify it without a name lookup
RUN groupadd --system --gid 10001 pulseloop \
    && useradd --system --uid 10001 --gid pulseloop --no-create-home --shell /usr/sbin/nologin pulseloop
WORKDIR /app
# least-changing layer first, so a code change rebuilds only the last, small layer
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
# declared this late, so the layers above are shared by every service's image
ARG SERVICE
ARG PORT
LABEL org.opencontainers.image.title="pulseloop/${SERVICE}"
# heap from the container's memory limit; /tmp is the only place written (an emptyDir under Kubernetes).
# SERVER_PORT is Spring's server.port, the value the service's application.yml sets anyway: one number for the
# port the service listens on, the one the image exposes and the one the health check asks.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    SERVER_PORT=${PORT}
EXPOSE ${PORT}
# readiness (not liveness): compose starts dependants only when this service can take traffic. The image has no
# curl or wget (Temurin dropped them), so bash's /dev/tcp speaks the one HTTP request.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT} && printf 'GET /actuator/health/readiness HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
