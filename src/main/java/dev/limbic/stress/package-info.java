/**
 * Personal stress estimation from heart rate and RR intervals: signal quality, artefact cleaning, a
 * personal baseline and the four states {@code UNKNOWN}, {@code CALM}, {@code ELEVATED}, {@code ACUTE}.
 * Pure Java: time comes in with every call, so the same code runs live and in replay.
 */
package dev.limbic.stress;
