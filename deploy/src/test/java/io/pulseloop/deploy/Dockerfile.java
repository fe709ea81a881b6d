package io.pulseloop.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as its instructions: continuation lines joined, comments dropped.
 *
 * @param path         where it is
 * @param instructions each instruction, keyword upper-case, in order
 */
record Dockerfile(Path path, List<Instruction> instructions) {

    static Dockerfile of(String service) {
        Path path = Repository.file(service + "/Dockerfile");
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
     * One instruction.
     *
     * @param keyword   {@code FROM}, {@code COPY}, {@code RUN}, ...
     * @param arguments the rest of the line
     */
    record Instruction(String keyword, String arguments) {
    }
}
