/**
 * The pager at run time: alert intake committed durably, the escalation engine driven by stored progress and a
 * due-time scheduler, pages handed to channels only after the decision that issued them is committed, the
 * stress-aware rules at run time ({@code CareRuntime}: the engine's hold advisor fed by stress transitions, pages
 * and judged reactions; prompts, partner calls, hand-overs, timeline notes and stored episodes), the incidents API
 * and the paging and care metrics. Wires the pure core ({@code escalation}, {@code alert}, {@code schedule},
 * {@code care}) to the edges ({@code intake}, {@code store}, {@code notify}).
 */
package dev.limbic.paging;
