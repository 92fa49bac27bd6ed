package dev.limbic.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a heart-rate recording: CSV with a header row, time in seconds in a column named {@code t},
 * {@code unix_time_s} or {@code beat_time_s}, and {@code hr_bpm} and/or {@code rr_ms} (or {@code ibi_ms})
 * columns; other columns are ignored. A row may leave its heart-rate or RR cell empty (no reading then);
 * anything else that is not a number, a row with too few cells, or time going backwards is an error
 * naming the line.
 */
final class RecordingReader {
    static final List<String> TIME_COLUMNS = List.of("t", "unix_time_s", "beat_time_s");
    static final List<String> RR_COLUMNS = List.of("rr_ms", "ibi_ms");
    static final String HR_COLUMN = "hr_bpm";

    /** Receives each row in file order. */
    interface RowHandler {
        /** @param hrBpm {@code NaN} when the row has none; @param rrMillis {@code NaN} when the row has none */
        void onRow(double timeSeconds, double hrBpm, double rrMillis);
    }

    /** Receives how many characters have been read so far, for a progress bar. */
    interface ProgressHandler {
        void onProgress(long charsRead);
    }

    private RecordingReader() {
    }

    /** Reads every row of {@code in} into {@code rows}; {@code progress} hears about every 64 KiB read. */
    static void read(BufferedReader in, RowHandler rows, ProgressHandler progress)
            throws IOException, RecordingFormatException {
        String header = in.readLine();
        if (header == null) {
            throw new RecordingFormatException(1, "the file is empty; expected a header row");
        }
        List<String> names = new ArrayList<>();
        for (String cell : header.split(",", -1)) {
            names.add(unquote(cell).toLowerCase(Locale.ROOT));
        }
        int time = firstOf(names, TIME_COLUMNS);
        int hr = names.indexOf(HR_COLUMN);
        int rr = firstOf(names, RR_COLUMNS);
        if (time < 0) {
            throw new RecordingFormatException(1, "no time column in the header (expected one of "
                    + String.join(", ", TIME_COLUMNS) + ")");
        }
        if (hr < 0 && rr < 0) {
            throw new RecordingFormatException(1, "no heart-rate column in the header (expected hr_bpm, rr_ms or ibi_ms)");
        }
        int needed = Math.max(time, Math.max(hr, rr)) + 1;
        long charsRead = header.length() + 1;
        long reportedAt = 0;
        long lineNumber = 1;
        double previousTime = Double.NEGATIVE_INFINITY;
        String line;
        String[] cells = new String[needed];
        while ((line = in.readLine()) != null) {
            lineNumber++;
            charsRead += line.length() + 1;
            if (charsRead - reportedAt >= 65_536) {
                progress.onProgress(charsRead);
                reportedAt = charsRead;
            }
            if (line.isBlank()) {
                continue;
            }
            split(line, cells, lineNumber, needed);
            double t = number(cells[time], names.get(time), lineNumber, false);
            if (t < previousTime) {
                throw new RecordingFormatException(lineNumber, String.format(Locale.ROOT,
                        "time %s goes backwards (previous row: %s); one recording per file, split files that hold several", cells[time].strip(), plain(previousTime)));
            }
            previousTime = t;
            double hrBpm = hr < 0 ? Double.NaN : number(cells[hr], HR_COLUMN, lineNumber, true);
            double rrMillis = rr < 0 ? Double.NaN : number(cells[rr], names.get(rr), lineNumber, true);
            rows.onRow(t, hrBpm, rrMillis);
        }
        progress.onProgress(charsRead);
    }

    private static int firstOf(List<String> names, List<String> candidates) {
        for (String candidate : candidates) {
            int index = names.indexOf(candidate);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    /** Splits the first {@code needed} cells of {@code line} into {@code cells}. */
    private static void split(String line, String[] cells, long lineNumber, int needed) throws RecordingFormatException {
        int start = 0;
        for (int i = 0; i < needed; i++) {
            int comma = line.indexOf(',', start);
            if (comma < 0) {
                if (i < needed - 1) {
                    throw new RecordingFormatException(lineNumber,
                            "has " + (i + 1) + " cells, the header needs at least " + needed);
                }
                comma = line.length();
            }
            cells[i] = line.substring(start, comma);
            start = comma + 1;
        }
    }

    private static double number(String cell, String column, long lineNumber, boolean mayBeEmpty)
            throws RecordingFormatException {
        String text = unquote(cell);
        if (text.isEmpty()) {
            if (mayBeEmpty) {
                return Double.NaN;
            }
            throw new RecordingFormatException(lineNumber, column + " is empty");
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(lineNumber, column + " is not a number: '" + text + "'");
        }
    }

    private static String unquote(String cell) {
        String text = cell.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    static String plain(double seconds) {
        return java.math.BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }
}
