package io.pulseloop.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as its instructions: continuation lines joined, comments dropped.
 *
 * @param path         where it is
 * @param instructions each instruction, keyword upper-case, in order
 */
record Dockerfile(Path path, List<Instruction> instructions) {

    /** The one Dockerfile every service's image is built from, at the repository root. */
    static final String SHARED = "Dockerfile";

    /** The instructions in which Docker replaces {@code ${ARG}} while building; the others see them at run time. */
    private static final Set<String> EXPANDED = Set.of("ADD", "COPY", "ENV", "EXPOSE", "FROM", "LABEL", "STOPSIGNAL",
            "USER", "VOLUME", "WORKDIR");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** The shared Dockerfile, its build arguments unresolved. */
    static Dockerfile shared() {
        return of(Repository.file(SHARED));
    }

    /**
     * The shared Dockerfile as docker-compose.yml builds the service's image: with the build arguments of the
     * service's {@code build:} section resolved.
     */
    static Dockerfile forService(String service) {
        return shared().withArguments(buildArguments(service));
    }

    /** The {@code build.args} docker-compose.yml gives a service's image. */
    static Map<String, String> buildArguments(String service) {
        Map<String, Object> compose = Repository.yaml(Repository.file("docker-compose.yml"));
        Map<String, String> arguments = new LinkedHashMap<>();
        Repository.map(Repository.at(compose, "services." + service + ".build.args"))
                .forEach((name, value) -> arguments.put(name, String.valueOf(value)));
        return arguments;
    }

    static Dockerfile of(Path path) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repository.read(path).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
            }
        }
        return new Dockerfile(path, instructions);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments).toList();
    }

    /** The instructions of the last stage: what the image really is. */
    Dockerfile finalStage() {
        int last = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return new Dockerfile(path, instructions.subList(last, instructions.size()));
    }

    /**
     * The instructions as Docker builds them with these build arguments: {@code ${NAME}} and {@code $NAME} of an
     * argument replaced where Docker replaces them (not in {@code RUN}, {@code CMD}, {@code HEALTHCHECK},
     * {@code ENTRYPOINT}, whose shell reads the variables). An argument counts only in a stage that declares it
     * with {@code ARG}, as in Docker.
     */
    Dockerfile withArguments(Map<String, String> arguments) {
        List<Instruction> resolved = new ArrayList<>();
        Map<String, String> declared = new LinkedHashMap<>();
        for (Instruction instruction : instructions) {
            switch (instruction.keyword()) {
                case "FROM" -> declared.clear();
                case "ARG" -> {
                    String name = instruction.arguments().split("=", 2)[0];
                    if (arguments.containsKey(name)) {
                        declared.put(name, arguments.get(name));
                    }
                }
                default -> {
                }
            }
            resolved.add(EXPANDED.contains(instruction.keyword())
                    ? new Instruction(instruction.keyword(), expand(instruction.arguments(), declared))
                    : instruction);
        }
        return new Dockerfile(path, resolved);
    }

    /** The variables the {@code ENV} instructions set, {@code NAME=value} pairs, quotes removed. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher("");
        for (String env : all("ENV")) {
            pair.reset(env);
            while (pair.find()) {
                environment.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return environment;
    }

    private static String expand(String text, Map<String, String> values) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            variable.appendReplacement(expanded, Matcher.quoteReplacement(values.getOrDefault(name,
                    variable.group())));
        }
        variable.appendTail(expanded);
        return expanded.toString();
    }

    /**
     * One instruction.
     *
     * @param keyword   {@code FROM}, {@code COPY}, {@code RUN}, ...
     * @param arguments the rest of the line
     */
    record Instruction(String keyword, String arguments) {
    }
}
