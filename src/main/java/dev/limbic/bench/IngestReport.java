package dev.limbic.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one {@code limbic bench ingest} run, target by target, and the goals of issue 2 checked
 * against them: flood ingest of the gateway at least half the sink's; a 1 Hz fleet with p99 frame-to-state
 * under 5 ms, under 25 % of one core and RSS at most 1.5 times the sink's.
 */
public record IngestReport(IngestBench.Settings settings, List<Result> results) {
    static final double MIN_FLOOD_RATIO = 0.5;
    static final double MAX_FLEET_CPU_PERCENT = 25;
    static final double MAX_FLEET_RSS_RATIO = 1.5;
    static final double MAX_FLEET_P99_SECONDS = 0.005;

    /**
     * The figures of one target over the measured window.
     *
     * @param framesPerSecond      frames the server counted per second (or the client sent, see
     *                             {@code countedByServer})
     * @param countedByServer      whether the server's own counter was found in its metrics
     * @param sentPerSecond        frames the client wrote per second
     * @param rejectedPerSecond    frames the server refused per second, by reason
     * @param skippedFrames        frames a fleet did not send because a stream's write queue was full
     * @param closedStreams        streams the server closed during the run
     * @param serverCpuPercent     server CPU as a percentage of one core
     * @param clientCpuPercent     client CPU as a percentage of one core
     * @param p99Seconds           p99 frame-to-state latency over the window, {@code NaN} when unavailable
     * @param latencyHistogramSeen whether the target publishes the latency histogram at all
     */
    public record Result(IngestBench.Target target, double framesPerSecond, boolean countedByServer,
                         double sentPerSecond, Map<String, Double> rejectedPerSecond, long skippedFrames, long closedStreams, double serverCpuPercent,
                         long serverRssBytes, double clientCpuPercent, double p99Seconds,
                         boolean latencyHistogramSeen) {
        public Result {
            rejectedPerSecond = Map.copyOf(rejectedPerSecond);
        }

        public double framesPerSecondOrSent() {
            return countedByServer ? framesPerSecond : sentPerSecond;
        }
    }

    public Optional<Result> result(IngestBench.Target target) {
        return results.stream().filter(r -> r.target() == target).findFirst();
    }

    /** The report as text for people: a table, the goals, and notes on anything unusual. */
    public String render() {
        StringBuilder out = new StringBuilder();
        boolean fleet = settings.mode() == IngestBench.Mode.FLEET;
        out.append(String.format(Locale.ROOT, "limbic bench ingest --mode %s: %,d streams%s; %.0f s warm-up, %.0f s measured; client on %d event loops%n",
                fleet ? "fleet" : "flood", settings.streams(),
                fleet ? String.format(Locale.ROOT, " at %.3g Hz each", settings.rateHz()) : " sending as fast as accepted",
                settings.warmupSeconds(), settings.measureSeconds(), settings.clientEventLoops()));
        out.append(String.format(Locale.ROOT, "%-8s %12s %14s %12s %14s %20s%n",
                "target", "frames/s", "server CPU", "server RSS", "client CPU", "p99 frame-to-state"));
        List<String> notes = new ArrayList<>();
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "%-8s %,12.0f %12.1f %% %9.0f MB %12.1f %% %20s%n",
                    r.target().label(), r.framesPerSecondOrSent(), r.serverCpuPercent(), r.serverRssBytes() / 1e6,
                    r.clientCpuPercent(), latency(r)));
            if (!r.countedByServer()) {
                notes.add(r.target().label() + ": its /metrics has no frame counter; frames/s is what the client sent");
            } else if (fleet && r.framesPerSecond() > 1.05 * r.sentPerSecond()) {
                notes.add(String.format(Locale.ROOT, "%s: counted more than the client sent (%,.0f frames/s): it was still "
                        + "working off a backlog, so its figures are not steady state; lengthen --warmup",
                        r.target().label(), r.sentPerSecond()));
            } else if (fleet && r.framesPerSecond() < 0.95 * r.sentPerSecond()) {
                notes.add(String.format(Locale.ROOT, "%s: fell behind the client, which sent %,.0f frames/s",
                        r.target().label(), r.sentPerSecond()));
            } else if (!fleet && Math.abs(r.sentPerSecond() / r.framesPerSecond() - 1) > 0.05) {
                notes.add(String.format(Locale.ROOT, "%s: the client wrote %,.0f frames/s (socket buffers absorb the "
                        + "difference; the server's own count is the figure)", r.target().label(), r.sentPerSecond()));
            }
            if (!r.rejectedPerSecond().isEmpty()) {
                StringBuilder reasons = new StringBuilder();
                r.rejectedPerSecond().forEach((reason, perSecond) -> reasons.append(reasons.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %,.0f", reason, perSecond)));
                notes.add(String.format(Locale.ROOT, "%s: refused frames/s: %s", r.target().label(), reasons));
            }
            if (r.skippedFrames() > 0) {
                notes.add(String.format(Locale.ROOT, "%s: %,d frames not sent because a stream's write queue was full",
                        r.target().label(), r.skippedFrames()));
            }
            if (r.closedStreams() > 0) {
                notes.add(String.format(Locale.ROOT, "%s: the server closed %,d streams", r.target().label(), r.closedStreams()));
            }
            if (r.latencyHistogramSeen() && Double.isNaN(r.p99Seconds())) {
                notes.add(r.target().label() + ": no frame-to-state observations in the measured window");
            }
        }
        Optional<Result> sink = result(IngestBench.Target.SINK);
        Optional<Result> gateway = result(IngestBench.Target.GATEWAY);
        if (!fleet && sink.isPresent() && gateway.isPresent()) {
            double ratio = gateway.get().framesPerSecondOrSent() / sink.get().framesPerSecondOrSent();
            out.append(String.format(Locale.ROOT, "gateway/sink frames/s: %.2f (goal >= %.1f: %s)%n",
                    ratio, MIN_FLOOD_RATIO, verdict(ratio >= MIN_FLOOD_RATIO)));
        }
        if (fleet && gateway.isPresent()) {
            Result g = gateway.get();
            StringBuilder goals = new StringBuilder("goals: ");
            goals.append(String.format(Locale.ROOT, "gateway CPU %.1f %% of one core (< %.0f %%: %s)",
                    g.serverCpuPercent(), MAX_FLEET_CPU_PERCENT, verdict(g.serverCpuPercent() < MAX_FLEET_CPU_PERCENT)));
            sink.ifPresent(s -> {
                double ratio = (double) g.serverRssBytes() / s.serverRssBytes();
                goals.append(String.format(Locale.ROOT, "; RSS %.2fx the sink's (<= %.1fx: %s)",
                        ratio, MAX_FLEET_RSS_RATIO, verdict(ratio <= MAX_FLEET_RSS_RATIO)));
            });
            goals.append(String.format(Locale.ROOT, "; p99 %s (< 5 ms: %s)", latency(g),
                    Double.isNaN(g.p99Seconds()) ? "not measured" : verdict(g.p99Seconds() < MAX_FLEET_P99_SECONDS)));
            out.append(goals).append(System.lineSeparator());
        }
        for (String note : notes) {
            out.append("note: ").append(note).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String latency(Result r) {
        if (r.target() == IngestBench.Target.SINK) {
            return "-";
        }
        if (!r.latencyHistogramSeen()) {
            return "no histogram";
        }
        if (Double.isNaN(r.p99Seconds())) {
            return "no data";
        }
        if (Double.isInfinite(r.p99Seconds())) {
            return "above top bucket";
        }
        return String.format(Locale.ROOT, "%.2f ms", r.p99Seconds() * 1000);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
