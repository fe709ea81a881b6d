package io.pulseloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docker-compose.yml} and {@code .env.example}, parsed (no Docker engine here) and checked against the
 * services' own configuration: ports, the environment variables they read, their MongoDB databases, the health of
 * what they wait for, and secrets that come only from the environment.
 */
class ComposeFileTests {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?-[^}]*)?}");
    private static final Pattern CREDENTIALS_IN_URI = Pattern.compile("://[^/@\\s]+:[^/@\\s]+@");

    private static final Map<String, Object> COMPOSE = Repository.yaml(Repository.file("docker-compose.yml"));

    static Stream<String> services() {
        return Repository.SERVICES.stream();
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = Repository.map(Repository.map(COMPOSE.get("services")).get(name));
        assertThat(service).as("compose service %s", name).isNotEmpty();
        return service;
    }

    private static Map<String, String> environment(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        Repository.map(service(name).get("environment"))
                .forEach((key, value) -> environment.put(key, value == null ? "" : String.valueOf(value)));
        return environment;
    }

    @Test
    void runsKafkaInKraftModeMongoDbAsAReplicaSetAndMailpit() {
        Map<String, Object> kafka = service("kafka");
        assertThat(String.valueOf(kafka.get("image"))).startsWith("apache/kafka:4.1.");
        assertThat(Repository.map(kafka.get("environment"))).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");

        assertThat(Repository.list(service("mongodb").get("command"))).contains("--replSet", "rs0");
        Map<String, Object> init = service("mongodb-init");
        assertThat(String.join(" ", Repository.list(init.get("command")).stream().map(String::valueOf).toList()))
                .contains("rs.initiate(").contains("isWritablePrimary");
        assertThat(Repository.at(init, "depends_on.mongodb.condition")).isEqualTo("service_healthy");

        Map<String, Object> mailpit = service("mailpit");
        assertThat(String.valueOf(mailpit.get("image"))).startsWith("axllent/mailpit:");
        assertThat(Repository.list(mailpit.get("ports"))).contains("127.0.0.1:1025:1025", "127.0.0.1:8025:8025");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void buildsTheServiceFromTheSharedDockerfileAndPublishesItsPort(String name) {
        ServiceModule module = ServiceModule.named(name);
        Map<String, Object> service = service(name);

        // the repository root as context (the one Dockerfile there, .dockerignore letting in the jars)
        assertThat(Repository.at(service, "build.context")).isEqualTo(".");
        assertThat(Repository.at(service, "build.dockerfile")).isIn(null, Dockerfile.SHARED);
        assertThat(Files.isRegularFile(Repository.file(Dockerfile.SHARED))).isTrue();
        assertThat(Dockerfile.buildArguments(name)).containsEntry("SERVICE", name)
                .containsEntry("PORT", String.valueOf(module.port()));
        assertThat(Repository.list(service.get("ports")))
                .containsExactly("127.0.0.1:" + module.port() + ":" + module.port());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void setsOnlyEnvironmentVariablesTheServiceReadsAndEveryOneItNeeds(String name) {
        ServiceModule module = ServiceModule.named(name);
        Map<String, String> environment = environment(name);

        assertThat(environment.keySet()).allSatisfy(env -> assertThat(EnvironmentNames.readBy(module, env))
                .as("%s is read by %s", env, name).isTrue());
        assertThat(environment.keySet()).containsAll(EnvironmentNames.requiredBy(module));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void pointsAtTheComposeInfrastructure(String name) {
        ServiceModule module = ServiceModule.named(name);
        Map<String, String> environment = environment(name);
        String advertised = String.valueOf(Repository.at(service("kafka"), "environment.KAFKA_ADVERTISED_LISTENERS"));

        assertThat(advertised).contains("://" + environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
        assertThat(environment.get("SPRING_MONGODB_URI"))
                .isEqualTo("mongodb://mongodb:27017/" + module.mongoDatabase() + "?replicaSet=rs0");
        if (module.sendsMail()) {
            assertThat(environment).containsEntry("SPRING_MAIL_HOST", "mailpit").containsEntry("SPRING_MAIL_PORT", "1025");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void startsAfterItsDependenciesAreHealthyAndStopsGracefully(String name) {
        ServiceModule module = ServiceModule.named(name);
        Map<String, Object> service = service(name);
        Map<String, Object> dependsOn = Repository.map(service.get("depends_on"));

        assertThat(dependsOn).containsKeys("kafka-topics", "mongodb-init");
        dependsOn.forEach((dependency, how) -> {
            String condition = String.valueOf(Repository.map(how).get("condition"));
            assertThat(condition).as("%s waits for %s", name, dependency)
                    .isIn("service_healthy", "service_completed_successfully");
            if (condition.equals("service_healthy")) {
                assertThat(hasHealthCheck(dependency)).as("%s has a health check", dependency).isTrue();
            }
        });
        assertThat(Repository.at(service, "deploy.resources.limits.memory")).as("%s memory limit", name).isNotNull();
        assertThat(seconds(String.valueOf(service.get("stop_grace_period"))))
                .as("%s stop_grace_period outlasts the shutdown phase", name)
                .isGreaterThan(module.shutdownPhase().toSeconds());
    }

    @Test
    void waitsOnlyForHealthyOrFinishedServices() {
        Repository.map(COMPOSE.get("services")).forEach((name, service) -> Repository.map(
                Repository.map(service).get("depends_on")).forEach((dependency, how) -> {
                    String condition = String.valueOf(Repository.map(how).get("condition"));
                    assertThat(condition).as("%s → %s", name, dependency)
                            .isIn("service_healthy", "service_completed_successfully");
                    if (condition.equals("service_healthy")) {
                        assertThat(hasHealthCheck(dependency)).as("%s has a health check", dependency).isTrue();
                    }
                }));
    }

    @Test
    void takesSecretsOnlyFromTheEnvironmentWithoutDefaults() {
        String text = Repository.read(Repository.file("docker-compose.yml"));
        assertThat(CREDENTIALS_IN_URI.matcher(text).find()).as("credentials in a URI").isFalse();
        Repository.map(COMPOSE.get("services")).keySet().forEach(name -> Repository.map(
                Repository.map(Repository.map(COMPOSE.get("services")).get(name)).get("environment"))
                .forEach((key, value) -> {
                    if (EnvironmentNames.secret(key) && !key.startsWith("GF_")) {
                        assertThat(String.valueOf(value)).as("%s.%s", name, key).isEqualTo("${" + key + ":-}");
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void fallsBackToProductionSecurityNotTheLocalProfile(String name) {
        // HTTP Basic admin/admin exists only in the `local` profile (contract §7): it must be asked for, in .env
        assertThat(environment(name)).containsEntry("SPRING_PROFILES_ACTIVE", "${SPRING_PROFILES_ACTIVE:-default}");
    }

    @Test
    void envExampleListsEveryVariableTheComposeFileReadsAndNoSecretValue() {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Repository.read(Repository.file(".env.example")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("=", 2);
                example.put(pair[0].strip(), pair.length > 1 ? pair[1].strip() : "");
            }
        }
        Set<String> interpolated = new TreeSet<>();
        Matcher matcher = INTERPOLATION.matcher(Repository.read(Repository.file("docker-compose.yml")));
        while (matcher.find()) {
            interpolated.add(matcher.group(1));
        }

        assertThat(example.keySet()).containsAll(interpolated);
        assertThat(interpolated).containsAll(example.keySet());
        example.forEach((key, value) -> {
            if (EnvironmentNames.secret(key)) {
                assertThat(value).as(".env.example %s", key).isEmpty();
            }
        });
    }

    @Test
    void createsTheTopicsWithTheSameScriptAsKubernetes() {
        Map<String, Object> topics = service("kafka-topics");

        assertThat(Repository.list(topics.get("volumes")))
                .contains("./" + TopicCatalogueTests.SCRIPT + ":/create-topics.sh:ro");
        assertThat(Repository.list(topics.get("entrypoint"))).containsExactly("/bin/sh", "/create-topics.sh");
        assertThat(Repository.at(topics, "depends_on.kafka.condition")).isEqualTo("service_healthy");
        assertThat(String.valueOf(Repository.at(topics, "environment.KAFKA_BOOTSTRAP_SERVERS")))
                .isEqualTo(environment("survey-service").get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void monitoringProfileScrapesEveryServiceAndProvisionsDashboardsAndAlerts() {
        Map<String, Object> prometheus = service("prometheus");
        Map<String, Object> grafana = service("grafana");
        assertThat(Repository.list(prometheus.get("profiles"))).containsExactly("monitoring");
        assertThat(Repository.list(grafana.get("profiles"))).containsExactly("monitoring");
        for (Object volume : Stream.concat(Repository.list(prometheus.get("volumes")).stream(),
                Repository.list(grafana.get("volumes")).stream()).toList()) {
            String source = String.valueOf(volume).split(":")[0];
            if (source.startsWith("./")) {
                assertThat(Files.exists(Repository.file(source.substring(2)))).as(source).isTrue();
            }
        }
        assertThat(Repository.list(prometheus.get("volumes")))
                .contains("./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");

        Map<String, Object> config = Repository.yaml(Repository.file("deploy/prometheus/prometheus.yml"));
        assertThat(Repository.list(config.get("rule_files"))).containsExactly("/etc/prometheus/alerts.yml");
        Map<String, Object> job = Repository.map(Repository.list(config.get("scrape_configs")).get(0));
        assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
        Set<String> targets = new LinkedHashSet<>();
        for (Object staticConfig : Repository.list(job.get("static_configs"))) {
            Repository.list(Repository.map(staticConfig).get("targets")).forEach(target -> targets.add(
                    String.valueOf(target)));
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(
                ServiceModule.all().stream().map(module -> module.name() + ":" + module.port()).toList());
    }

    private static boolean hasHealthCheck(String name) {
        Map<String, Object> service = service(name);
        if (service.containsKey("healthcheck")) {
            return true;
        }
        return service.get("build") != null && Dockerfile.forService(name).finalStage()
                .all("HEALTHCHECK").size() == 1;
    }

    private static long seconds(String composeDuration) {
        return Duration.parse("PT" + composeDuration.toUpperCase(java.util.Locale.ROOT)).toSeconds();
    }

}
