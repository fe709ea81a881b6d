package io.pulseloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The renderer used where kubectl is missing ({@link Kustomize#renderWithoutKubectl}) gives the objects
 * {@code kubectl kustomize} gives, so the overlay tests check the same thing on every machine.
 */
class KustomizeRendererTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void rendersTheOverlayAsKubectlDoes(String overlay) {
        assumeThat(Kustomize.kubectlAvailable()).as("kubectl is not installed: nothing to compare with").isTrue();
        var directory = Repository.file("deploy/k8s/overlays/" + overlay);

        Map<String, Map<String, Object>> ours = byKindAndName(Kustomize.renderWithoutKubectl(directory));
        Map<String, Map<String, Object>> kubectls = byKindAndName(Kustomize.renderWithKubectl(directory).orElseThrow());

        assertThat(ours.keySet()).containsExactlyElementsOf(kubectls.keySet());
        kubectls.forEach((key, object) -> assertThat(ours.get(key)).as(key).isEqualTo(object));
    }

    @Test
    void mergesNamedListItemsByNameAndReplacesScalars() {
        Map<String, Object> deployment = Repository.yamlDocuments("""
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          image: a
                          resources: { requests: { cpu: 250m, memory: 640Mi } }
                """).get(0);
        Map<String, Object> patch = Repository.yamlDocuments("""
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: app
                          resources: { requests: { cpu: 100m } }
                """).get(0);

        Kustomize.merge(deployment, patch);

        assertThat(Repository.at(deployment, "spec.replicas")).isEqualTo(1);
        Map<String, Object> container = Repository.map(
                Repository.list(Repository.at(deployment, "spec.template.spec.containers")).get(0));
        assertThat(container).containsEntry("image", "a");
        assertThat(Repository.at(container, "resources.requests"))
                .isEqualTo(Map.of("cpu", "100m", "memory", "640Mi"));
    }

    private static Map<String, Map<String, Object>> byKindAndName(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> indexed = new TreeMap<>();
        objects.forEach(object -> indexed.put(object.get("kind") + "/" + Repository.at(object, "metadata.name"),
                object));
        return indexed;
    }
}
