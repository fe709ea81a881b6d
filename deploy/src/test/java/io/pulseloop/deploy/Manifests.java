package io.pulseloop.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rendered objects of one overlay, and the questions the tests ask of them.
 *
 * @param overlay the overlay's name ({@code dev}, {@code prod})
 * @param objects every rendered object
 */
record Manifests(String overlay, List<Map<String, Object>> objects) {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    static Manifests render(String overlay) {
        return new Manifests(overlay, Kustomize.render(Repository.file("deploy/k8s/overlays/" + overlay)));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Map<String, Object> get(String kind, String name) {
        return ofKind(kind).stream().filter(object -> name.equals(Repository.at(object, "metadata.name"))).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    /** The one container of a Deployment's (or Job's) pod template. */
    Map<String, Object> container(String kind, String name) {
        List<Object> containers = Repository.list(Repository.at(get(kind, name), "spec.template.spec.containers"));
        if (containers.size() != 1) {
            throw new AssertionError(overlay + ": " + kind + " " + name + " has " + containers.size() + " containers");
        }
        return Repository.map(containers.get(0));
    }

    /** Every environment variable a container gets: its env entries and the keys of the ConfigMaps it loads. */
    Set<String> environmentNames(Map<String, Object> container) {
        Set<String> names = new TreeSet<>();
        Repository.list(container.get("env")).forEach(env -> names.add(String.valueOf(Repository.map(env).get("name"))));
        for (Object source : Repository.list(container.get("envFrom"))) {
            Map<String, Object> configMapRef = Repository.map(Repository.map(source).get("configMapRef"));
            if (!configMapRef.isEmpty()) {
                names.addAll(Repository.map(get("ConfigMap", String.valueOf(configMapRef.get("name"))).get("data"))
                        .keySet());
            }
        }
        return names;
    }

    /** A value of a ConfigMap key loaded by the container through envFrom, or null. */
    String configValue(Map<String, Object> container, String key) {
        String value = null;
        for (Object source : Repository.list(container.get("envFrom"))) {
            Map<String, Object> configMapRef = Repository.map(Repository.map(source).get("configMapRef"));
            if (!configMapRef.isEmpty()) {
                Map<String, Object> data = Repository.map(
                        get("ConfigMap", String.valueOf(configMapRef.get("name"))).get("data"));
                if (data.containsKey(key)) {
                    value = String.valueOf(data.get(key)); // later sources win, as in Kubernetes
                }
            }
        }
        return value;
    }
}
