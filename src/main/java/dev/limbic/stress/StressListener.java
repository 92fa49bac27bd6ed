package dev.limbic.stress;

/** Receives every change of any monitored responder's stress state. Must not block. */
@FunctionalInterface
public interface StressListener {
    void onTransition(String responderId, StressTransition transition);
}
