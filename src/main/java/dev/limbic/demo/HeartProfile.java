package dev.limbic.demo;

/** The heart rate a simulated responder's heart aims for, over the seconds since the demo started. */
@FunctionalInterface
interface HeartProfile {
    double targetBpm(double seconds);

    /** Sam: calm, around 68 bpm, drifting slowly by a couple of beats. */
    static HeartProfile calm() {
        return seconds -> 68 + 2 * Math.sin(2 * Math.PI * seconds / 300);
    }

    /**
     * Alex: about 70 bpm until {@code riseAt} seconds, then a rise to 132 bpm within 10 s, held for about three
     * minutes, a 30 s recovery, and calm again.
     */
    static HeartProfile stressedAt(double riseAt) {
        return seconds -> {
            double t = seconds - riseAt;
            if (t < 0) {
                return 70;
            }
            if (t < 10) {
                return 70 + (132 - 70) * t / 10;
            }
            if (t < 180) {
                return 132;
            }
            if (t < 210) {
                return 132 - (132 - 70) * (t - 180) / 30;
            }
            return 70;
        };
    }
}
