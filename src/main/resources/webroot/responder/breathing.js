// Limbic responder page: the breathing guide and the grounding prompt that follows it.
// On a breathing prompt a full-screen guide takes over: the circle grows ("Breathe in"), holds ("Hold") and
// shrinks ("Breathe out") for the prompted durations and cycles; with prefers-reduced-motion it is words and a
// timer only. Then the grounding prompt, whose sentence can be added to the incident's timeline. Both can be
// closed at any time (Close button or Escape); focus moves into the dialog and back where it was.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  let run = null;              // the breathing exercise in progress
  let returnFocus = null;      // where focus goes when the overlays close
  let groundingIncident = null;

  function openDialog(dialog, focusTarget) {
    if (!returnFocus || !document.body.contains(returnFocus)) {
      returnFocus = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
    }
    dialog.hidden = false;
    document.body.classList.add('guided');
    $('main').setAttribute('aria-hidden', 'true');
    focusTarget.focus();
  }

  function closeDialogs() {
    $('breathing').hidden = true;
    $('grounding').hidden = true;
    document.body.classList.remove('guided');
    $('main').removeAttribute('aria-hidden');
    const back = returnFocus && document.body.contains(returnFocus) ? returnFocus : $('main');
    returnFocus = null;
    back.focus();
  }

  // ---- breathing -------------------------------------------------------------------------------------------

  function startBreathing(notification) {
    stopBreathing();
    const pattern = notification.breathing || { inhale_seconds: 2, hold_seconds: 2, exhale_seconds: 2, cycles: 1 };
    const phases = [
      { name: 'Breathe in', className: 'grow', seconds: pattern.inhale_seconds },
      { name: 'Hold', className: 'hold', seconds: pattern.hold_seconds },
      { name: 'Breathe out', className: 'shrink', seconds: pattern.exhale_seconds },
    ].filter((phase) => phase.seconds > 0);
    const overlay = $('breathing');
    const reduced = reducedMotion.matches;
    overlay.classList.toggle('reduced', reduced);
    overlay.dataset.mode = reduced ? 'text' : 'animation';
    $('breathing-text').textContent = notification.text || 'Follow the circle for a moment.';
    run = {
      phases: phases, cycles: Math.max(1, pattern.cycles || 1), cycle: 0, phase: -1, remaining: 0,
      timer: null, incident: notification.incident_id || null, groundingWanted: true,
    };
    groundingIncident = run.incident;
    const circle = $('breathing-circle');
    circle.className = 'circle';
    openDialog(overlay, $('breathing-title'));
    nextPhase();
  }

  function nextPhase() {
    if (!run) return;
    run.phase += 1;
    if (run.phase >= run.phases.length) {
      run.phase = 0;
      run.cycle += 1;
    }
    if (run.cycle >= run.cycles) {
      finishBreathing();
      return;
    }
    const phase = run.phases[run.phase];
    const overlay = $('breathing');
    overlay.dataset.phase = phase.className;
    const circle = $('breathing-circle');
    circle.style.transitionDuration = phase.seconds + 's';
    circle.className = 'circle ' + phase.className;
    $('breathing-phase').textContent = phase.name;
    $('breathing-cycle').textContent = 'Cycle ' + (run.cycle + 1) + ' of ' + run.cycles;
    run.remaining = phase.seconds;
    $('breathing-timer').textContent = String(run.remaining);
    tick();
  }

  function tick() {
    run.timer = window.setTimeout(() => {
      if (!run) return;
      run.remaining -= 1;
      if (run.remaining <= 0) {
        nextPhase();
      } else {
        $('breathing-timer').textContent = String(run.remaining);
        tick();
      }
    }, 1000);
  }

  function stopBreathing() {
    if (run && run.timer) window.clearTimeout(run.timer);
    run = null;
  }

  function finishBreathing() {
    stopBreathing();
    $('breathing').hidden = true;
    $('breathing').dataset.phase = 'done';
    showGrounding(groundingIncident);
  }

  // ---- grounding -------------------------------------------------------------------------------------------

  function showGrounding(incidentId) {
    groundingIncident = incidentId || groundingIncident;
    $('grounding-status').textContent = '';
    $('grounding-note').value = '';
    const save = $('grounding-save');
    save.disabled = false;
    save.hidden = !groundingIncident;
    $('grounding-incident').textContent = groundingIncident
      ? 'If you like, it is added to the timeline of incident #' + groundingIncident + '. Nothing is saved unless you choose to.'
      : '';
    $('breathing').hidden = true;
    openDialog($('grounding'), $('grounding-title'));
  }

  async function saveGrounding(event) {
    event.preventDefault();
    const text = $('grounding-note').value.trim();
    if (!text) {
      $('grounding-status').textContent = 'Write a sentence first, or close.';
      return;
    }
    if (!groundingIncident) return;
    $('grounding-save').disabled = true;
    try {
      await window.limbic.api('/v1/incidents/' + encodeURIComponent(groundingIncident) + '/note',
        { method: 'POST', json: { text: text } });
      $('grounding-status').textContent = 'Added to the timeline of incident #' + groundingIncident + '.';
      window.limbic.refreshIncidents();
      window.setTimeout(closeGrounding, 1200);
    } catch (e) {
      $('grounding-status').textContent = 'Could not add it: ' + e.message;
      $('grounding-save').disabled = false;
    }
  }

  function closeGrounding() {
    if ($('grounding').hidden) return;
    groundingIncident = null;
    closeDialogs();
  }

  function dismiss() {
    stopBreathing();
    groundingIncident = null;
    closeDialogs();
    window.limbic.announce('Breathing guide closed.');
  }

  function trapFocus(event, dialog) {
    if (event.key === 'Escape') {
      event.preventDefault();
      dismiss();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = Array.from(dialog.querySelectorAll('button, textarea, input, [tabindex="-1"]'))
      .filter((node) => !node.hidden && !node.disabled && node.offsetParent !== null);
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  }

  function onNotification(notification) {
    if (notification.kind === 'breathing_prompt') {
      startBreathing(notification);
    } else if (notification.kind === 'grounding_prompt') {
      // Shown after the breathing guide ends (it shows grounding itself), or at once when no guide is running.
      if (run) {
        groundingIncident = notification.incident_id || groundingIncident;
      } else if ($('grounding').hidden) {
        showGrounding(notification.incident_id || null);
      }
    }
  }

  function start() {
    $('breathing-dismiss').addEventListener('click', dismiss);
    $('grounding-dismiss').addEventListener('click', closeGrounding);
    $('grounding-form').addEventListener('submit', saveGrounding);
    $('breathing').addEventListener('keydown', (event) => trapFocus(event, $('breathing')));
    $('grounding').addEventListener('keydown', (event) => trapFocus(event, $('grounding')));
    window.limbic.on('notification', onNotification);
    window.limbic.on('signed-out', () => { stopBreathing(); groundingIncident = null; closeDialogs(); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
