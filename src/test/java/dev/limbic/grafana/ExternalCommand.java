package dev.limbic.grafana;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A program the tests run for real (promtool, amtool, npm, node): found on the PATH or the test fails, telling
 * the reader to run the README's test command, which installs it. Never skips.
 */
record ExternalCommand(String program, String installedBy) {
    /** What the README's test command is, for failure messages. */
    static final String TEST_COMMAND = "bash src/scripts/test.sh";

    /** The program's path on the PATH; fails the test when it is missing. */
    Path require() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("`" + program + "` is not installed (it comes with " + installedBy + "). Run the README's test command, `"
                + TEST_COMMAND + "`, which installs what the tests need.");
    }

    /** Runs the program with {@code args} in {@code dir}; returns its exit code and combined output. */
    Result run(Path dir, long timeoutSeconds, String... args) {
        return run(dir, null, timeoutSeconds, args);
    }

    /** Runs the program with {@code args} in {@code dir}, reading {@code stdin} (none when null). */
    Result run(Path dir, Path stdin, long timeoutSeconds, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("limbic-" + program, ".log");
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(stdin == null ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(stdin.toFile()))
                        .start();
                if (stdin == null) {
                    process.getOutputStream().close();
                }
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    return fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Result(String.join(" ", command), process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return fail("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command, e);
        }
    }

    /** Runs the program and asserts it succeeded, showing its output when it did not; returns the output. */
    String succeed(Path dir, long timeoutSeconds, String... args) {
        return succeed(dir, null, timeoutSeconds, args);
    }

    /** Runs the program reading {@code stdin} and asserts it succeeded; returns the output. */
    String succeed(Path dir, Path stdin, long timeoutSeconds, String... args) {
        Result result = run(dir, stdin, timeoutSeconds, args);
        assertThat(result.exitCode()).as("%s failed:%n%s", result.command(), result.output()).isZero();
        return result.output();
    }

    /** How a run ended. */
    record Result(String command, int exitCode, String output) {
    }
}
