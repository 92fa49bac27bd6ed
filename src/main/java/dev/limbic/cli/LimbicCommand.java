package dev.limbic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code limbic} command: entry point of the runnable jar. */
@Command(name = "limbic",
        mixinStandardHelpOptions = true,
        version = "limbic 0.1.0",
        description = "A stress-aware paging gateway.",
        subcommands = {
                CheckConfigCommand.class,
                DecodeCommand.class,
                ReplayCommand.class,
                BenchCommand.class,
                ServeCommand.class,
                DemoCommand.class,
                ScanCommand.class, PairCommand.class, UnpairCommand.class, EdgeCommand.class,
                CommandLine.HelpCommand.class
        })
public final class LimbicCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new LimbicCommand());
    }
}
