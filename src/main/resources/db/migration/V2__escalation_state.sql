-- Limbic schema, version 2: the escalation engine's whole state per incident, and notifications per issued page.

-- The engine's progress (pages issued, holds, who acknowledged) as JSON, saved with the summary columns in one
-- version-guarded update. NULL until the engine first evaluates the incident (the intake writes the row).
ALTER TABLE escalation_progress ADD COLUMN engine_state jsonb;

-- A page issued by the engine is recorded under its index in the engine's page list: an acknowledgement timeout
-- or a snooze may page the same responder at the same step and round again, and each such page is its own record.
-- Records written without a page index keep the old uniqueness (one per incident, responder, step, round, channel).
ALTER TABLE notifications ADD COLUMN page_index integer;
ALTER TABLE notifications DROP CONSTRAINT notifications_incident_id_responder_step_round_channel_key;
CREATE UNIQUE INDEX notifications_one_per_step ON notifications (incident_id, responder, step, round, channel)
    WHERE page_index IS NULL;
CREATE UNIQUE INDEX notifications_one_per_page ON notifications (incident_id, page_index)
    WHERE page_index IS NOT NULL;
