package dev.limbic.cli;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigReloader;
import dev.limbic.config.LimbicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code limbic serve}: runs the gateway from a YAML config until the process is stopped. The pager takes a changed
 * file (SIGHUP, or a content change seen every two seconds) without losing open incidents; a broken file is
 * rejected with its problems logged and the running configuration stays.
 */
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
        ConfigReloader reloader;
        try {
            reloader = ConfigReloader.load(config);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            int count = e.problems().size();
            err.println("limbic serve: not starting, " + config + " has " + count + (count == 1 ? " problem" : " problems"));
            return BAD_CONFIG;
        }
        LimbicConfig loaded = reloader.current();
        Gateway gateway;
        try {
            gateway = Running.started(Gateway.start(loaded, Clock.systemUTC()));
        } catch (Exception e) {
            err.println("limbic serve: cannot start: " + e.getMessage());
            return 1;
        }
        String base = "http://" + displayHost(loaded.server().host()) + ":" + gateway.port();
        spec.commandLine().getOut().println("Limbic listening on " + base + " (metrics: " + base + "/metrics)");
        if (!runsOnZgc()) {
            spec.commandLine().getOut().println("Note: this JVM does not use ZGC. Start it with -XX:+UseZGC: the"
                    + " default collector's pauses can hold a breathing prompt back by hundreds of milliseconds"
                    + " under a large fleet of straps (README, Benchmarks).");
        }
        spec.commandLine().getOut().flush();
        reloader.onReload(gateway::reconfigure);
        reloader.reloadOnSighup();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "limbic-config-poll");
            thread.setDaemon(true);
            return thread;
        });
        reloader.pollEvery(poller);
        Running.untilStopped(null, () -> {
            poller.shutdownNow();
            return gateway.close();
        });
        return 0;
    }

    private static boolean runsOnZgc() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(gc -> gc.getName().startsWith("ZGC"));
    }

    /** A host to put in a URL people can click. */
    static String displayHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }
}
