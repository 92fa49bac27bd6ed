package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import io.vertx.core.Vertx;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load on {@link DurableAlertIntake} alone (no HTTP): producer threads submit Alertmanager-like events at a fixed
 * rate (open loop: latency counts from when a request was due, so a stall is not hidden) against an embedded
 * PostgreSQL with fsync on, and the figures are printed: committed rate, refusals, request latency percentiles after
 * a warm-up of a quarter of the run, and the CPU spent per committed event by this JVM and by PostgreSQL (less disturbed
 * than wall-clock figures when other processes share the machine, though not immune to it).
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.limbic.store.IntakeLoad \
 *     [events/s=10000] [seconds=20] [events per request=1] [producers=4] [lanes=2] [keys=50000]
 * </pre>
 */
public final class IntakeLoad {
    private IntakeLoad() {
    }

    public static void main(String[] args) throws Exception {
        int rate = arg(args, 0, 10_000);
        int seconds = arg(args, 1, 20);
        int perRequest = arg(args, 2, 1);
        int producers = arg(args, 3, 4);
        int lanes = arg(args, 4, 2);
        int keys = arg(args, 5, 50_000);
        int warmupSeconds = seconds / 4;

        Path dataDir = Files.createTempDirectory("limbic-intake-load");
        Vertx vertx = Vertx.vertx();
        Database database = TestPostgres.await(Database.open(vertx,
                new DatabaseSettings(java.util.Optional.empty(), dataDir, 0, lanes + 2)));
        DurableAlertIntake intake = new DurableAlertIntake(vertx, database.pool(), event -> "default",
                new IntakeOptions(lanes, 500, 20_000));
        Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong committed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        double requestsPerNanoPerProducer = rate / (double) perRequest / producers / 1e9;

        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(producer);
                long sent = 0;
                while (true) {
                    long due = start + (long) (sent / requestsPerNanoPerProducer);
                    if (due >= end) {
                        break;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    List<AlertEvent> events = new ArrayList<>(perRequest);
                    for (int i = 0; i < perRequest; i++) {
                        events.add(alert(random, keys));
                    }
                    sent++;
                    intake.submit(events).onComplete(result -> {
                        long now = System.nanoTime();
                        if (result.succeeded()) {
                            if (due >= measureFrom) {
                                latency.recordValue(now - due);
                                committed.addAndGet(perRequest);
                            }
                        } else if (result.cause() instanceof IntakeOverloadedException) {
                            refused.addAndGet(perRequest);
                        } else {
                            failed.addAndGet(perRequest);
                        }
                    });
                }
            }, "producer-" + p);
            threads.add(thread);
            thread.start();
        }
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                .get(0).trim());
        LockSupport.parkNanos(measureFrom - System.nanoTime());
        long jvmCpuAtStart = processCpuNanos();
        long postgresCpuAtStart = postgresCpuNanos(postmaster);
        for (Thread thread : threads) {
            thread.join();
        }
        while (intake.waiting() > 0) {
            Thread.sleep(10);
        }
        double jvmCpuSeconds = (processCpuNanos() - jvmCpuAtStart) / 1e9;
        double postgresCpuSeconds = (postgresCpuNanos(postmaster) - postgresCpuAtStart) / 1e9;
        double cpuSeconds = jvmCpuSeconds + postgresCpuSeconds;
        double measuredSeconds = (end - measureFrom) / 1e9;
        Histogram histogram = latency.getIntervalHistogram();
        System.out.printf("DurableAlertIntake load: target %,d events/s, %d events/request, %d producers, %d lanes,"
                + " %,d keys, %d s (first %d s not measured), fsync on%n", rate, perRequest, producers, lanes, keys,
                seconds, warmupSeconds);
        System.out.printf("  committed %,.0f events/s; refused (overload) %,d, failed %,d%n",
                committed.get() / measuredSeconds, refused.get(), failed.get());
        double cpuPerEvent = cpuSeconds / committed.get();
        System.out.printf("  CPU per committed event: %.1f us (JVM incl. load generator %.1f, PostgreSQL %.1f), i.e."
                + " %,.0f events/s if 2 cores were ours alone; machine load average now %.1f%n",
                cpuPerEvent * 1e6, jvmCpuSeconds / committed.get() * 1e6, postgresCpuSeconds / committed.get() * 1e6,
                2 / cpuPerEvent, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.printf("  request latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(histogram, 50), ms(histogram, 90), ms(histogram, 99), ms(histogram, 99.9),
                histogram.getMaxValue() / 1e6);
        TestPostgres.await(intake.close());
        TestPostgres.await(database.close());
        TestPostgres.await(vertx.close());
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static AlertEvent alert(SplittableRandom random, int keys) {
        String fingerprint = String.format("%016x", 0x9e3779b97f4a7c15L * random.nextInt(keys));
        AlertAction action = random.nextInt(10) == 0 ? AlertAction.RESOLVE : AlertAction.TRIGGER;
        return new AlertEvent("alertmanager", fingerprint, action, Severity.WARNING,
                "HighRequestLatency on api-" + fingerprint.substring(0, 4), "prometheus",
                Map.of("alertname", "HighRequestLatency", "instance", "api-" + fingerprint.substring(0, 4) + ":9090",
                        "severity", "warning"),
                "{\"description\":\"p99 latency above 500ms for 5m\",\"startsAt\":\"" + Instant.now() + "\"}",
                Instant.now());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** User + system CPU of the postmaster and its children, from /proc (Linux). */
    private static long postgresCpuNanos(long postmaster) {
        long ticks = 0;
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(child -> pids.add(child.pid())));
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException | RuntimeException gone) {
                // a process that ended between listing and reading adds nothing
            }
        }
        return ticks * 10_000_000L;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
