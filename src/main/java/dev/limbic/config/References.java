package dev.limbic.config;

import java.util.Collection;

/** Messages for a reference to something the config does not define, with the nearest id as a suggestion. */
final class References {
    private References() {
    }

    /** {@code "no schedule 'primry' (did you mean 'primary'?)"}, or the known ids when none is close. */
    static String unknown(String kind, String id, Collection<String> known) {
        if (known.isEmpty()) {
            return "no " + kind + " '" + id + "' (none is configured)";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = KeySuggestion.distance(id.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (bestDistance <= Math.max(2, best.length() / 3)) {
            return "no " + kind + " '" + id + "' (did you mean '" + best + "'?)";
        }
        return "no " + kind + " '" + id + "' (known: " + String.join(", ", known) + ")";
    }
}
