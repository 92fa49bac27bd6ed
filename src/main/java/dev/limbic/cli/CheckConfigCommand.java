package dev.limbic.cli;

import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code limbic check-config FILE}: validates a configuration file exactly as the gateway loads it; prints a
 * summary and exits 0, or prints every problem and exits 1.
 */
@Command(name = "check-config",
        description = "Validate a Limbic configuration file: print a summary and exit 0, or print every problem and exit 1.")
final class CheckConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
    Path file;

    @Override
    public Integer call() {
        try {
            LimbicConfig config = ConfigLoader.load(file);
            spec.commandLine().getOut().println(file + ": ok (" + config.summary() + ")");
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(spec.commandLine().getErr()::println);
            return 1;
        }
    }
}
