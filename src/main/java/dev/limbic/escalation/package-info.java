/**
 * Escalation: who gets paged for an incident, and when. {@link dev.limbic.escalation.EscalationPolicy} is the
 * definition (steps, delays, repeats, acknowledgement timeout); {@link dev.limbic.escalation.EscalationProgress} is
 * one incident's stored position in it; {@link dev.limbic.escalation.EscalationEngine} is the pure step function
 * from (progress, policy, who is on call, now) to the pages to send, the timeline, and the next due time.
 * Nothing lives only in a timer: re-evaluating stored progress after a restart resumes where it stopped.
 * {@link dev.limbic.escalation.HoldAdvisor} is the seam through which stress-aware rules delay a page or a timer,
 * always within a bound the engine enforces, never for critical incidents. Pure Java.
 */
package dev.limbic.escalation;
