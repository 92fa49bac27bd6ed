package dev.limbic.care;

import java.util.List;
import java.util.Set;

/**
 * What one call of the stress-aware rules produced. Append the notes to their incidents' timelines, perform the
 * actions, then evaluate at once every incident that holds pages or a timer for a responder in {@link #holdsLifted()}
 * (their holds ended, so the held pages go out now rather than at their bound).
 *
 * @param actions     prompts and partner pages to send, in order
 * @param notes       timeline entries, one or more for every action
 * @param holdsLifted responders who stopped being held for (they calmed down, or their data went away)
 */
public record CareOutcome(List<CareAction> actions, List<IncidentNote> notes, Set<String> holdsLifted) {
    /** Nothing to do. */
    public static final CareOutcome NONE = new CareOutcome(List.of(), List.of(), Set.of());

    public CareOutcome {
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
        holdsLifted = Set.copyOf(holdsLifted);
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return actions.isEmpty() && notes.isEmpty() && holdsLifted.isEmpty();
    }
}
