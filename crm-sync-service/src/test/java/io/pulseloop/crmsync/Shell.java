package io.pulseloop.crmsync;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs real command-line clients (kcat, curl, openssl) the way a person would, through bash. */
public final class Shell {

    private Shell() {
    }

    /** Whether an executable is on the PATH. */
    public static boolean has(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a bash script and returns its combined output.
     *
     * @throws AssertionError if it does not finish within 60 seconds or exits non-zero
     */
    public static String run(String script, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + script);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("exit " + process.exitValue() + " from:\n" + script + "\noutput:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bash block that follows {@code <!-- recipe:NAME -->} in this module's README. */
    public static String readmeRecipe(String name) {
        return readmeRecipe(Path.of("README.md"), name);
    }

    /** The bash block after {@code <!-- recipe:name -->} in a README. */
    public static String readmeRecipe(Path file, String name) {
        try {
            String readme = Files.readString(file);
            int marker = readme.indexOf("<!-- recipe:" + name + " -->");
            if (marker < 0) {
                throw new AssertionError(file + " has no recipe " + name);
            }
            int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
            return readme.substring(start, readme.indexOf("```", start));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
