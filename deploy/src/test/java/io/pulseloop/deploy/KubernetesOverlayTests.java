package io.pulseloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Kustomize overlay, rendered ({@code kubectl kustomize}, or {@link Kustomize}'s own renderer without kubectl),
 * checked against what each service really is: its port, its actuator probe paths, the environment variables it
 * reads, and the rules of a safe deployment (non-root, read-only root filesystem, graceful shutdown, no secret in
 * the repository).
 */
class KubernetesOverlayTests {

    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static Stream<Arguments> overlaysAndServices() {
        List<Arguments> arguments = new ArrayList<>();
        for (String overlay : Manifests.OVERLAYS) {
            for (String service : Repository.SERVICES) {
                arguments.add(Arguments.of(overlay, service));
            }
        }
        return arguments.stream();
    }

    static Stream<String> services() {
        return Repository.SERVICES.stream();
    }

    static Stream<String> overlays() {
        return Manifests.OVERLAYS.stream();
    }

    private static Manifests rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void containerListensOnTheServicePortAndTheServiceRoutesThere(String overlay, String name) {
        Manifests manifests = rendered(overlay);
        ServiceModule service = ServiceModule.named(name);
        Map<String, Object> container = manifests.container("Deployment", name);

        assertThat(Repository.list(container.get("ports"))).as("%s %s container ports", overlay, name)
                .containsExactly(Map.of("name", "http", "containerPort", service.port()));
        Map<String, Object> port = Repository.map(
                Repository.list(Repository.at(manifests.get("Service", name), "spec.ports")).get(0));
        assertThat(port).as("%s Service %s", overlay, name)
                .containsEntry("port", service.port()).containsEntry("targetPort", "http");
        assertThat(Repository.map(Repository.at(manifests.get("Service", name), "spec.selector")))
                .as("%s Service %s selects the Deployment's pods", overlay, name)
                .isEqualTo(Repository.at(manifests.get("Deployment", name), "spec.selector.matchLabels"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void probesUseTheActuatorGroupsAndLivenessNeverReadiness(String overlay, String name) {
        Map<String, Object> container = rendered(overlay).container("Deployment", name);

        assertThat(Repository.at(container, "livenessProbe.httpGet.path")).as("%s %s liveness", overlay, name)
                .isEqualTo(LIVENESS);
        assertThat(Repository.at(container, "readinessProbe.httpGet.path")).as("%s %s readiness", overlay, name)
                .isEqualTo(READINESS);
        // the startup probe gates liveness: it must not wait for Kafka or MongoDB either
        assertThat(Repository.at(container, "startupProbe.httpGet.path")).as("%s %s startup", overlay, name)
                .isEqualTo(LIVENESS);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(Repository.at(container, probe + ".httpGet.port")).as("%s %s %s port", overlay, name, probe)
                    .isEqualTo("http");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void livenessGroupReportsOnlyTheApplicationsOwnState(String name) {
        ServiceModule service = ServiceModule.named(name);

        assertThat(service.properties()).containsEntry("management.endpoint.health.probes.enabled", true);
        // Boot's liveness group holds livenessState alone unless a service adds to it: Kafka, MongoDB, mail or the
        // binders there would restart every pod during an outage of the infrastructure
        Object liveness = service.properties().get("management.endpoint.health.group.liveness.include");
        assertThat(String.valueOf(liveness)).as("%s liveness group", name)
                .doesNotContainIgnoringCase("mongo").doesNotContainIgnoringCase("kafka")
                .doesNotContainIgnoringCase("binders").doesNotContainIgnoringCase("mail")
                .doesNotContainIgnoringCase("db");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void shutdownPauseAndGracePeriodOutlastTheGracefulShutdownPhase(String overlay, String name) {
        ServiceModule service = ServiceModule.named(name);
        Map<String, Object> deployment = rendered(overlay).get("Deployment", name);
        Map<String, Object> container = rendered(overlay).container("Deployment", name);

        assertThat(service.properties()).as("%s uses graceful shutdown", name)
                .containsEntry("server.shutdown", "graceful");
        List<Object> preStop = Repository.list(Repository.at(container, "lifecycle.preStop.exec.command"));
        assertThat(preStop).as("%s %s preStop", overlay, name).hasSize(2).first().isEqualTo("sleep");
        long pause = Long.parseLong(String.valueOf(preStop.get(1)));
        long grace = ((Number) Repository.at(deployment, "spec.template.spec.terminationGracePeriodSeconds")).longValue();
        assertThat(grace).as("%s %s: grace period > preStop %d s + shutdown phase %s", overlay, name, pause,
                service.shutdownPhase()).isGreaterThan(pause + service.shutdownPhase().toSeconds());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void runsAsNonRootOnAReadOnlyRootWithAWritableTmp(String overlay, String name) {
        Map<String, Object> pod = Repository.map(Repository.at(rendered(overlay).get("Deployment", name),
                "spec.template.spec"));
        Map<String, Object> container = rendered(overlay).container("Deployment", name);

        assertThat(Repository.at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat((Integer) Repository.at(pod, "securityContext.runAsUser")).isPositive();
        assertThat(Repository.at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(Repository.at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(Repository.list(container.get("volumeMounts")))
                .contains(Map.of("name", "tmp", "mountPath", "/tmp"));
        assertThat(Repository.list(pod.get("volumes"))).anySatisfy(volume -> assertThat(Repository.map(volume))
                .containsEntry("name", "tmp").containsKey("emptyDir"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void requestsAndLimitsCpuAndMemory(String overlay, String name) {
        Map<String, Object> resources = Repository.map(rendered(overlay).container("Deployment", name).get("resources"));

        for (String bound : List.of("requests", "limits")) {
            assertThat(Repository.map(resources.get(bound))).as("%s %s %s", overlay, name, bound)
                    .containsKeys("cpu", "memory");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void setsOnlyEnvironmentVariablesTheServiceReadsAndEveryOneItNeeds(String overlay, String name) {
        Manifests manifests = rendered(overlay);
        ServiceModule service = ServiceModule.named(name);
        Set<String> names = manifests.environmentNames(manifests.container("Deployment", name));

        assertThat(names).as("%s %s: variables the service does not read", overlay, name)
                .allSatisfy(env -> assertThat(EnvironmentNames.readBy(service, env))
                        .as("%s is read by %s", env, name).isTrue());
        assertThat(names).as("%s %s", overlay, name).containsAll(EnvironmentNames.requiredBy(service));
        // HTTP Basic admin/admin exists only in the `local` profile (contract §7): never in a cluster
        assertThat(manifests.configValue(manifests.container("Deployment", name), "SPRING_PROFILES_ACTIVE"))
                .as("%s %s profile", overlay, name).isNull();
        assertThat(Repository.list(manifests.container("Deployment", name).get("env")))
                .noneSatisfy(env -> assertThat(Repository.map(env).get("name")).isEqualTo("SPRING_PROFILES_ACTIVE"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void takesSecretsAndTheMongoUriOnlyFromSecretReferences(String overlay, String name) {
        Manifests manifests = rendered(overlay);
        Map<String, Object> container = manifests.container("Deployment", name);

        for (Object item : Repository.list(container.get("env"))) {
            Map<String, Object> env = Repository.map(item);
            String variable = String.valueOf(env.get("name"));
            if (EnvironmentNames.secret(variable) || variable.equals("SPRING_MONGODB_URI")) {
                assertThat(env).as("%s %s %s", overlay, name, variable).doesNotContainKey("value");
                assertThat(Repository.at(env, "valueFrom.secretKeyRef.key")).as("%s %s", overlay, variable)
                        .isEqualTo(variable);
            }
        }
        assertThat(manifests.environmentNames(container)).filteredOn(EnvironmentNames::secret)
                .as("%s %s: secrets in ConfigMaps", overlay, name)
                .allSatisfy(secret -> assertThat(manifests.configValue(container, secret)).isNull());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void isScaledScrapedAndProtectedFromDisruption(String overlay, String name) {
        Manifests manifests = rendered(overlay);
        Object podLabels = Repository.at(manifests.get("Deployment", name), "spec.selector.matchLabels");

        Map<String, Object> hpa = manifests.get("HorizontalPodAutoscaler", name);
        assertThat(Repository.at(hpa, "spec.scaleTargetRef.name")).isEqualTo(name);
        int max = (Integer) Repository.at(hpa, "spec.maxReplicas");
        assertThat((Integer) Repository.at(hpa, "spec.minReplicas")).isPositive().isLessThanOrEqualTo(max);
        assertThat(max).as("%s %s: more consumers than the 12 partitions would idle", overlay, name)
                .isLessThanOrEqualTo(12);
        assertThat(Repository.at(manifests.get("PodDisruptionBudget", name), "spec.selector.matchLabels"))
                .isEqualTo(podLabels);
        Map<String, Object> monitor = manifests.get("ServiceMonitor", name);
        assertThat(Repository.map(Repository.at(manifests.get("Service", name), "metadata.labels")))
                .as("%s ServiceMonitor %s selects its Service", overlay, name)
                .containsAllEntriesOf(Repository.map(Repository.at(monitor, "spec.selector.matchLabels")));
        assertThat(Repository.map(Repository.list(Repository.at(monitor, "spec.endpoints")).get(0)))
                .containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyPodMeetsTheRestrictedPodSecurityStandard(String overlay) {
        List<Map<String, Object>> workloads = new ArrayList<>(rendered(overlay).ofKind("Deployment"));
        workloads.addAll(rendered(overlay).ofKind("Job"));

        assertThat(workloads).hasSize(Repository.SERVICES.size() + 1).allSatisfy(workload -> {
            Map<String, Object> pod = Repository.map(Repository.at(workload, "spec.template.spec"));
            String name = String.valueOf(Repository.at(workload, "metadata.name"));
            assertThat(Repository.at(pod, "securityContext.runAsNonRoot")).as(name).isEqualTo(true);
            assertThat(Repository.at(pod, "securityContext.seccompProfile.type")).as(name).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).as(name).isEqualTo(false);
            for (Object item : Repository.list(pod.get("containers"))) {
                Map<String, Object> container = Repository.map(item);
                assertThat(Repository.at(container, "securityContext.allowPrivilegeEscalation")).as(name).isEqualTo(false);
                assertThat(Repository.at(container, "securityContext.readOnlyRootFilesystem")).as(name).isEqualTo(true);
                assertThat(Repository.list(Repository.at(container, "securityContext.capabilities.drop")))
                        .as(name).containsExactly("ALL");
            }
        });
        assertThat(Repository.at(rendered(overlay).get("Namespace", overlay.equals("prod") ? "pulseloop" : "pulseloop-dev"),
                "metadata.labels")).isEqualTo(Map.of("pod-security.kubernetes.io/enforce", "restricted"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void leavesTheReplicaCountToTheAutoscaler(String overlay, String name) {
        assertThat(Repository.map(rendered(overlay).get("Deployment", name).get("spec")))
                .as("%s %s: a replica count here would reset the HPA's on every apply", overlay, name)
                .doesNotContainKey("replicas");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void admitsTrafficInProductionOnlyFromTheIngressControllerAndPrometheus(String overlay) {
        List<Map<String, Object>> policies = rendered(overlay).ofKind("NetworkPolicy");
        if (overlay.equals("dev")) {
            assertThat(policies).isEmpty();
            return;
        }
        Map<String, Object> policy = policies.get(0);
        Map<String, Object> selector = Repository.map(Repository.at(policy, "spec.podSelector.matchLabels"));
        for (String service : Repository.SERVICES) {
            assertThat(Repository.map(Repository.at(rendered(overlay).get("Deployment", service),
                    "spec.template.metadata.labels"))).as("%s pods are selected", service).containsAllEntriesOf(selector);
        }
        assertThat(Repository.list(Repository.at(policy, "spec.policyTypes"))).containsExactly("Ingress");
        List<Object> rules = Repository.list(Repository.at(policy, "spec.ingress"));
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(Repository.list(Repository.map(rule).get("from"))).allSatisfy(peer -> assertThat(
                    Repository.map(peer)).containsOnlyKeys("namespaceSelector"));
            assertThat(Repository.list(Repository.map(rule).get("ports"))).containsExactly(Map.of("port", "http"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void carriesNoSecretValues(String overlay) {
        assertThat(rendered(overlay).ofKind("Secret")).as("%s: Secrets are created out of band", overlay).isEmpty();
        assertThat(rendered(overlay).ofKind("ConfigMap")).allSatisfy(configMap -> assertThat(
                Repository.map(configMap.get("data")).keySet()).noneMatch(EnvironmentNames::secret));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void createsTopicsWithTheReplicationTheClusterHas(String overlay) {
        Manifests manifests = rendered(overlay);
        Map<String, Object> job = manifests.container("Job", "pulseloop-kafka-topics");
        String replication = String.valueOf(Repository.map(manifests.get("ConfigMap", "pulseloop-common").get("data"))
                .get("PULSELOOP_KAFKA_REPLICATION_FACTOR"));

        assertThat(String.valueOf(job.get("image"))).startsWith("apache/kafka:4.1.");
        assertThat(Repository.list(job.get("command"))).containsExactly("/bin/sh", "/scripts/create-topics.sh");
        assertThat(Repository.map(manifests.get("ConfigMap", "pulseloop-kafka-topics").get("data")))
                .containsEntry("create-topics.sh", Repository.read(Repository.file(TopicCatalogueTests.SCRIPT)));
        assertThat(replication).isEqualTo(overlay.equals("prod") ? "3" : "1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void exposesOnlySurveyPagesTheWebhookAndTheStaffPagesNeverActuator(String overlay) {
        Manifests manifests = rendered(overlay);
        if (overlay.equals("dev")) {
            assertThat(manifests.ofKind("Ingress")).isEmpty();
            return;
        }
        assertThat(routes(manifests.get("Ingress", "pulseloop-public"))).containsExactlyInAnyOrder(
                "response-service /s/", "response-service /u/", "response-service /css/",
                "response-service /api/v1/responses", "crm-sync-service /api/v1/crm/webhooks");
        assertThat(routes(manifests.get("Ingress", "pulseloop-staff"))).containsExactlyInAnyOrder(
                "closed-loop-service /inbox", "closed-loop-service /api/v1/tasks", "closed-loop-service /login",
                "closed-loop-service /logout", "closed-loop-service /oauth2",
                "analytics-service /dashboard", "analytics-service /webjars", "analytics-service /api/v1/analytics",
                "analytics-service /login", "analytics-service /logout", "analytics-service /oauth2");
        assertThat(manifests.ofKind("Ingress")).hasSize(2);
        // alert emails link to the inbox through the staff Ingress
        String inbox = manifests.configValue(manifests.container("Deployment", "closed-loop-service"),
                "PULSELOOP_INBOX_BASE_URL");
        assertThat(hosts(manifests.get("Ingress", "pulseloop-staff"))).contains(inbox.replace("https://", ""));
    }

    private static Set<String> routes(Map<String, Object> ingress) {
        Set<String> routes = new java.util.TreeSet<>();
        for (Object rule : Repository.list(Repository.at(ingress, "spec.rules"))) {
            for (Object path : Repository.list(Repository.at(Repository.map(rule), "http.paths"))) {
                Map<String, Object> p = Repository.map(path);
                assertThat(Repository.at(p, "backend.service.port.name")).isEqualTo("http");
                assertThat(String.valueOf(p.get("path"))).doesNotStartWith("/actuator").doesNotStartWith("/v3")
                        .isNotEqualTo("/");
                routes.add(Repository.at(p, "backend.service.name") + " " + p.get("path"));
            }
        }
        return routes;
    }

    private static Set<String> hosts(Map<String, Object> ingress) {
        Set<String> hosts = new java.util.TreeSet<>();
        Repository.list(Repository.at(ingress, "spec.rules")).forEach(rule -> hosts.add(
                String.valueOf(Repository.map(rule).get("host"))));
        return hosts;
    }
}
