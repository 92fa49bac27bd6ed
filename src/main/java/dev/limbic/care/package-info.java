/**
 * The stress-aware rules that join a responder's stress state with paging. Pure Java: time comes in with every call.
 *
 * <ul>
 *   <li>{@link dev.limbic.care.PageReactionAnalyzer}: how a responder's heart rate answered a page.</li>
 *   <li>{@link dev.limbic.care.StressEpisodes}: episodes of paged responders (a reaction to the page, or acute stress
 *       while holding an open incident), the breathing and grounding prompts that follow, and (through
 *       {@link dev.limbic.care.PartnerHandoff}) the partner page after sustained acute stress or too many open
 *       incidents; a responder can {@link dev.limbic.care.HandOver hand over} an incident.</li>
 *   <li>{@link dev.limbic.care.CareAdvisor}: the escalation engine's hold advisor: holds the escalation timer for the
 *       breathing window and defers non-critical pages to a stressed responder, within bounds the engine enforces;
 *       never for critical incidents, never without data.</li>
 *   <li>{@link dev.limbic.care.LoadLedger}: per responder and team load figures, and the fatigue budget that
 *       reroutes non-critical night pages.</li>
 * </ul>
 *
 * <p>In the running gateway ({@code dev.limbic.paging.CareRuntime}), the escalation engine is built with a
 * {@code CareAdvisor} over one {@code StressEpisodes} and {@link dev.limbic.care.CareSettings#engineMaxHold()}.
 * The episodes hear every stress transition of opted-in responders, every page issued and every resolve or
 * hand-over once committed, and each page's reaction as soon as {@code PageReactionAnalyzer} finds one in the
 * responder's in-memory heart-rate history (or once its window has passed); {@code tick} runs at {@code wakeAt()}.
 * Each {@link dev.limbic.care.CareOutcome} is performed at once: its notes go on the incidents' timelines, its
 * actions become notifications through {@link dev.limbic.care.CareNotifications}, episodes are stored without heart
 * rate, and incidents holding pages or a timer for a responder in {@code holdsLifted} are evaluated again. Timeline
 * texts never carry heart rate.
 */
package dev.limbic.care;
