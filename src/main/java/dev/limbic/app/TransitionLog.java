package dev.limbic.app;

import dev.limbic.stress.StressListener;
import dev.limbic.stress.StressTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Logs stress transitions: one INFO line each, up to {@link #INFO_PER_SECOND} a second (plenty for a team,
 * and for the demo); past that, at DEBUG, with one INFO line saying how many were only counted, so ten
 * thousand streams changing state at once cannot flood the log. Transitions are rare; frames are never logged.
 */
final class TransitionLog implements StressListener {
    static final int INFO_PER_SECOND = 20;
    private static final Logger LOG = LoggerFactory.getLogger(TransitionLog.class);

    private final Clock clock;
    private long second = Long.MIN_VALUE;
    private int loggedThisSecond;
    private int quietThisSecond;

    TransitionLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void onTransition(String responderId, StressTransition t) {
        long now = clock.millis() / 1000;
        if (now != second) {
            if (quietThisSecond > 0) {
                LOG.info("{} more stress transitions in the last second, logged at DEBUG", quietThisSecond);
            }
            second = now;
            loggedThisSecond = 0;
            quietThisSecond = 0;
        }
        if (loggedThisSecond < INFO_PER_SECOND) {
            loggedThisSecond++;
            LOG.info("{}: {} -> {} ({})", responderId, t.from(), t.to(), t.reason());
        } else {
            quietThisSecond++;
            LOG.debug("{}: {} -> {} ({})", responderId, t.from(), t.to(), t.reason());
        }
    }
}
