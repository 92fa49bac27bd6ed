package dev.limbic.cli;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code limbic serve}: runs the gateway from a YAML config until the process is stopped. */
@Command(name = "serve", description = "Run the gateway from a YAML config (checked first: problems exit 2).")
final class ServeCommand implements Callable<Integer> {
    /** Exit status for a configuration that cannot be used. */
    static final int BAD_CONFIG = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "limbic.yaml",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LimbicConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            int count = e.problems().size();
            err.println("limbic serve: not starting, " + config + " has " + count + (count == 1 ? " problem" : " problems"));
            return BAD_CONFIG;
        }
        Gateway gateway;
        try {
            gateway = Running.started(Gateway.start(loaded, Clock.systemUTC()));
        } catch (Exception e) {
            err.println("limbic serve: cannot start: " + e.getMessage());
            return 1;
        }
        String base = "http://" + displayHost(loaded.server().host()) + ":" + gateway.port();
        spec.commandLine().getOut().println("Limbic listening on " + base + " (metrics: " + base + "/metrics)");
        spec.commandLine().getOut().flush();
        Running.untilStopped(null, gateway::close);
        return 0;
    }

    /** A host to put in a URL people can click. */
    static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }
}
