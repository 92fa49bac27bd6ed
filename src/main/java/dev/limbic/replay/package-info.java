/**
 * Replaying heart-rate recordings (CSV files) through the same {@link dev.limbic.stress.StressDetector}
 * that runs live, as fast as the file can be read: state changes, page reactions and an optional plot.
 * An edge package: it reads files and draws charts; the decisions stay in the core.
 */
package dev.limbic.replay;
