package dev.limbic.demo;

/** The heart rate a simulated responder's heart aims for, over the seconds since the demo started. */
@FunctionalInterface
interface HeartProfile {
    /** How often the spiking profile repeats. */
    double SPIKE_CYCLE_SECONDS = 360;

    double targetBpm(double seconds);

    /** Alex: calm, around 68 bpm, drifting slowly by a couple of beats. */
    static HeartProfile calm() {
        return seconds -> 68 + 2 * Math.sin(2 * Math.PI * seconds / 300);
    }

    /**
     * Sam: about 70 bpm for a minute, then a rise to 132 bpm within 10 s, held for about 3 minutes, a 30 s
     * recovery, and calm again until the cycle repeats every six minutes.
     */
    static HeartProfile spiking() {
        return seconds -> {
            double t = seconds % SPIKE_CYCLE_SECONDS;
            if (t < 60) {
                return 70;
            }
            if (t < 70) {
                return 70 + (132 - 70) * (t - 60) / 10;
            }
            if (t < 240) {
                return 132;
            }
            if (t < 270) {
                return 132 - (132 - 70) * (t - 240) / 30;
            }
            return 70;
        };
    }

}
