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
 * <p>Wiring (the app): take {@link dev.limbic.care.CareSettings} from the configuration ({@code care().settings()}); build one
 * {@code StressEpisodes} (with a {@code PartnerHandoff} over the responders' partners), a {@code CareAdvisor} over it,
 * and the engine as {@code new EscalationEngine(settings.engineMaxHold(), advisor)}. Then feed {@code StressEpisodes}
 * and {@code LoadLedger}: every {@code StressTransition} of opted-in responders ({@code StressMonitor} listener),
 * every page issued ({@code onPaged}), the page reaction once judged ({@code PageReactionAnalyzer} over the
 * responder's {@code HeartRateHistory}, at its {@code dueAtMillis} or earlier), every resolve and hand-over; call
 * {@code tick} at {@code wakeAt()}. Perform each {@link dev.limbic.care.CareOutcome}: its notes go on the incidents'
 * timelines, its actions become {@code Notification.breathingPrompt}, {@code groundingPrompt} and
 * {@code partnerJoin} (plus an {@code info} with the responder's text), and every incident holding pages or a timer
 * for a responder in {@code holdsLifted} is evaluated at once. Timeline texts never carry heart rate.
 */
package dev.limbic.care;
