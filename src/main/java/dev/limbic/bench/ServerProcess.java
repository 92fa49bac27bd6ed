package dev.limbic.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server under test, run as a child JVM on the same class path as the bench ({@code java -cp ...
 * dev.limbic.cli.LimbicCommand ARGS}), so its CPU time and memory are its own and not mixed with the
 * client's. Its output goes to a log file; it is ready once {@code GET /metrics} answers.
 */
final class ServerProcess implements AutoCloseable {
    private static final String MAIN_CLASS = "dev.limbic.cli.LimbicCommand";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread killOnExit;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill " + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code limbic ARGS} in a child JVM and waits until its metrics answer. */
    static ServerProcess start(String name, List<String> jvmOptions, List<String> limbicArgs, int port, Path log,
                               Duration readyWithin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN_CLASS);
        command.addAll(limbicArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(name, process, port, log);
        try {
            server.awaitReady(readyWithin);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    long pid() {
        return process.pid();
    }

    ProcessUsage usage() {
        return ProcessUsage.of(process.pid());
    }

    /** Scrapes {@code GET /metrics}. */
    PrometheusScrape scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(metricsUri()).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(name + " answered " + response.statusCode() + " to GET /metrics");
        }
        return new PrometheusScrape(response.body());
    }

    /** Starts a JDK Flight Recording (profile settings) in the server, through {@code jcmd}. */
    void startRecording() throws IOException, InterruptedException {
        jcmd("JFR.start", "name=bench", "settings=profile");
    }

    /** Writes the recording started by {@link #startRecording()} to {@code file} and stops it. */
    void stopRecording(Path file) throws IOException, InterruptedException {
        jcmd("JFR.dump", "name=bench", "filename=" + file.toAbsolutePath());
        jcmd("JFR.stop", "name=bench");
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(process.pid()));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0 || output.contains("Could not") || output.contains("Exception")) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed for " + name + ": " + output.trim());
        }
    }

    /** The last lines of the server's output, to explain a failure. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + " before it was ready; its output ("
                        + log + "):" + System.lineSeparator() + logTail(30));
            }
            try {
                scrape();
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " did not answer GET " + metricsUri() + " within " + within.toSeconds()
                            + " s; its output (" + log + "):" + System.lineSeparator() + logTail(30), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private URI metricsUri() {
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting already: the hook itself does the work.
        }
    }
}
