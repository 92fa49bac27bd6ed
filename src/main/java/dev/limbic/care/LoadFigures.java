package dev.limbic.care;

import java.util.Objects;

/**
 * The on-call load of one responder or one team, for the leads' panels. Derived figures only: no heart rate.
 *
 * @param who                the responder or team id
 * @param pagesThisShift     pages since the start of the current shift
 * @param nightPagesThisWeek pages in the last 7 days that came at night in the paged responder's own timezone
 * @param stressedSeconds    seconds spent {@code ELEVATED} or {@code ACUTE}, ever (a counter)
 * @param openIncidents      open incidents held
 * @param budgetsSpent       responders whose fatigue budget is spent (0 or 1 for one responder)
 */
public record LoadFigures(String who, int pagesThisShift, int nightPagesThisWeek, long stressedSeconds,
                          int openIncidents, int budgetsSpent) {
    public LoadFigures {
        Objects.requireNonNull(who, "who");
    }

    /** These figures and {@code other}'s added up, under the name {@code team}. */
    LoadFigures plus(String team, LoadFigures other) {
        return new LoadFigures(team, pagesThisShift + other.pagesThisShift,
                nightPagesThisWeek + other.nightPagesThisWeek, stressedSeconds + other.stressedSeconds,
                openIncidents + other.openIncidents, budgetsSpent + other.budgetsSpent);
    }
}
