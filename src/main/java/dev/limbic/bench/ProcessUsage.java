package dev.limbic.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of one process, read from Linux's {@code /proc/<pid>/stat} (utime + stime)
 * and {@code /proc/<pid>/status} (VmRSS).
 *
 * @param cpuSeconds user plus system CPU time the process has used so far
 * @param rssBytes   its resident set size now
 */
record ProcessUsage(double cpuSeconds, long rssBytes) {
    /** Clock ticks per second of {@code /proc} times: {@code USER_HZ}, 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100;

    static ProcessUsage of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which sits in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rssKb = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rssKb = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
            return new ProcessUsage(ticks / TICKS_PER_SECOND, rssKb * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc of process " + pid + " (has it exited?)", e);
        }
    }

    /** CPU used since {@code earlier}, as a percentage of one core over {@code seconds} of wall time. */
    double cpuPercentSince(ProcessUsage earlier, double seconds) {
        return 100 * (cpuSeconds - earlier.cpuSeconds) / seconds;
    }
}
