package io.pulseloop.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders a Kustomize directory to its objects: with {@code kubectl kustomize} where the machine has kubectl, else
 * with {@link #renderWithoutKubectl(Path)}, a small implementation of the features {@code deploy/k8s} uses
 * (resources, namespace, labels, images, configMapGenerator without hash suffix, strategic-merge patches with or
 * without a target). {@code KustomizeRendererTests} keeps the two in agreement where kubectl exists.
 */
final class Kustomize {

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path directory) {
        return renderWithKubectl(directory).orElseGet(() -> renderWithoutKubectl(directory));
    }

    /** {@code kubectl kustomize}, or empty when kubectl is not installed. */
    static Optional<List<Map<String, Object>>> renderWithKubectl(Path directory) {
        if (!kubectlAvailable()) {
            return Optional.empty();
        }
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + err);
            }
            return Optional.of(Repository.yamlDocuments(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean kubectlAvailable() {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    static List<Map<String, Object>> renderWithoutKubectl(Path directory) {
        Map<String, Object> kustomization = Repository.yaml(directory.resolve("kustomization.yaml"));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : Repository.list(kustomization.get("resources"))) {
            Path path = directory.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(renderWithoutKubectl(path));
            } else {
                objects.addAll(Repository.yamlDocuments(Repository.read(path)));
            }
        }
        for (Object generator : Repository.list(kustomization.get("configMapGenerator"))) {
            objects.add(configMap(directory, Repository.map(generator)));
        }
        for (Object patch : Repository.list(kustomization.get("patches"))) {
            applyPatch(directory, Repository.map(patch), objects);
        }
        for (Object image : Repository.list(kustomization.get("images"))) {
            setImage(Repository.map(image), objects);
        }
        for (Object label : Repository.list(kustomization.get("labels"))) {
            Map<String, Object> pairs = Repository.map(Repository.map(label).get("pairs"));
            boolean templates = Boolean.TRUE.equals(Repository.map(label).get("includeTemplates"));
            for (Map<String, Object> object : objects) {
                addLabels(object, pairs);
                Object template = Repository.at(object, "spec.template");
                if (templates && template instanceof Map<?, ?>) {
                    addLabels(Repository.map(template), pairs);
                }
            }
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.stream().filter(object -> !"Namespace".equals(object.get("kind")))
                    .forEach(object -> metadata(object).put("namespace", namespace));
        }
        return objects;
    }

    private static Map<String, Object> configMap(Path directory, Map<String, Object> generator) {
        Map<String, Object> options = Repository.map(generator.get("options"));
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new UnsupportedOperationException("The renderer without kubectl handles configMapGenerator only "
                    + "with disableNameSuffixHash: true (" + generator.get("name") + ")");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object file : Repository.list(generator.get("files"))) {
            Path path = directory.resolve(String.valueOf(file));
            data.put(path.getFileName().toString(), Repository.read(path));
        }
        for (Object literal : Repository.list(generator.get("literals"))) {
            String[] pair = String.valueOf(literal).split("=", 2);
            data.put(pair[0], pair[1]);
        }
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", new LinkedHashMap<>(Map.of("name", generator.get("name"))));
        configMap.put("data", data);
        return configMap;
    }

    private static void applyPatch(Path directory, Map<String, Object> patch, List<Map<String, Object>> objects) {
        String text = patch.containsKey("path") ? Repository.read(directory.resolve(String.valueOf(patch.get("path"))))
                : String.valueOf(patch.get("patch"));
        Map<String, Object> body = Repository.yamlDocuments(text).get(0);
        Map<String, Object> target = Repository.map(patch.get("target"));
        String kind = String.valueOf(target.getOrDefault("kind", body.get("kind")));
        // with a target, its name (a regular expression) or any name; without one, the patch's own name
        String name = target.isEmpty() ? java.util.regex.Pattern.quote(String.valueOf(metadata(body).get("name")))
                : String.valueOf(target.getOrDefault("name", ".*"));
        int applied = 0;
        for (Map<String, Object> object : objects) {
            if (kind.equals(object.get("kind")) && String.valueOf(metadata(object).get("name")).matches(name)) {
                Map<String, Object> copy = new LinkedHashMap<>(body);
                copy.remove("metadata");
                copy.remove("apiVersion");
                copy.remove("kind");
                merge(object, copy);
                applied++;
            }
        }
        if (applied == 0) {
            throw new IllegalStateException("Patch " + patch + " matched nothing");
        }
    }

    /** Strategic merge as Kubernetes does it for the fields used here: maps merge, lists of named items merge by name. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object existing = into.get(key);
            if (value instanceof Map<?, ?> map && existing instanceof Map<?, ?> current) {
                merge((Map<String, Object>) current, (Map<String, Object>) map);
            } else if (value instanceof List<?> list && existing instanceof List<?> current
                    && mergeKey(list) != null && mergeKey(list).equals(mergeKey(current))) {
                into.put(key, mergeLists((List<Object>) current, (List<Object>) list, mergeKey(list)));
            } else {
                into.put(key, value);
            }
        });
    }

    private static String mergeKey(List<?> list) {
        for (String key : List.of("name", "mountPath", "containerPort", "topologyKey")) {
            if (!list.isEmpty() && list.stream().allMatch(item -> item instanceof Map<?, ?> map && map.containsKey(key))) {
                return key;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeLists(List<Object> current, List<Object> patch, String key) {
        List<Object> merged = new ArrayList<>();
        current.forEach(item -> merged.add(new LinkedHashMap<>((Map<String, Object>) item)));
        for (Object item : patch) {
            Map<String, Object> patchItem = (Map<String, Object>) item;
            Optional<Object> match = merged.stream()
                    .filter(existing -> Objects.equals(((Map<String, Object>) existing).get(key), patchItem.get(key)))
                    .findFirst();
            if (match.isPresent()) {
                merge((Map<String, Object>) match.get(), patchItem);
            } else {
                merged.add(0, patchItem);
            }
        }
        return merged;
    }

    private static void setImage(Map<String, Object> image, List<Map<String, Object>> objects) {
        String name = String.valueOf(image.get("name"));
        for (Map<String, Object> object : objects) {
            Object spec = Repository.at(object, "spec.template.spec.containers");
            for (Object container : Repository.list(spec)) {
                Map<String, Object> c = Repository.map(container);
                String current = String.valueOf(c.get("image"));
                String currentName = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                String currentTag = current.contains(":") ? current.substring(current.lastIndexOf(':') + 1) : null;
                if (currentName.equals(name)) {
                    String newName = String.valueOf(image.getOrDefault("newName", name));
                    Object newTag = image.getOrDefault("newTag", currentTag);
                    c.put("image", newTag == null ? newName : newName + ":" + newTag);
                }
            }
        }
    }

    private static void addLabels(Map<String, Object> object, Map<String, Object> pairs) {
        Repository.map(metadata(object).computeIfAbsent("labels", key -> new LinkedHashMap<>())).putAll(pairs);
    }

    private static Map<String, Object> metadata(Map<String, Object> object) {
        return Repository.map(object.computeIfAbsent("metadata", key -> new LinkedHashMap<>()));
    }
}
