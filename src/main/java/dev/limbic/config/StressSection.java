package dev.limbic.config;

import dev.limbic.stress.StressThresholds;

/** Reads {@code stress}: every field of {@link StressThresholds} in snake_case, each defaulting to {@link StressThresholds#defaults()}. */
final class StressSection {
    private StressSection() {
    }

    static StressThresholds read(YamlObject root) {
        StressThresholds d = StressThresholds.defaults();
        return root.object("stress").map(s -> {
            double resting = s.number("resting_heart_rate_bpm", d.restingHeartRateBpm());
            double elevated = s.number("elevated_delta_bpm", d.elevatedDeltaBpm());
            double acute = s.number("acute_delta_bpm", d.acuteDeltaBpm());
            double elevatedSustain = s.number("elevated_sustain_seconds", d.elevatedSustainSeconds());
            double acuteSustain = s.number("acute_sustain_seconds", d.acuteSustainSeconds());
            double stale = s.number("stale_after_seconds", d.staleAfterSeconds());
            double warmUp = s.number("warm_up_seconds", d.warmUpSeconds());
            double recover = s.number("recover_seconds", d.recoverSeconds());
            double hysteresis = s.number("hysteresis_bpm", d.hysteresisBpm());
            int window = s.integer("baseline_window_minutes", d.baselineWindowMinutes(), 1, Integer.MAX_VALUE);
            double thaw = s.number("baseline_thaw_minutes", d.baselineThawMinutes());
            double smoothing = s.number("smoothing_seconds", d.smoothingSeconds());
            s.rejectUnknownKeys();
            try {
                return new StressThresholds(resting, elevated, acute, elevatedSustain, acuteSustain, stale, warmUp, recover, hysteresis,
                        window, thaw, smoothing);
            } catch (IllegalArgumentException e) {
                reportThresholdProblem(s, e);
                return d;
            }
        }).orElse(d);
    }

    /** {@link StressThresholds} names the key first in its messages ("acute_delta_bpm must be …"). */
    static void reportThresholdProblem(YamlObject at, IllegalArgumentException e) {
        String message = e.getMessage();
        int space = message.indexOf(' ');
        if (space > 0) {
            at.problem(message.substring(0, space), message.substring(space + 1));
        } else {
            at.problem("", message);
        }
    }
}
