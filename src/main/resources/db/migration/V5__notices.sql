-- Limbic schema, version 3: notices (an incident a responder was paged for was acknowledged or resolved) are
-- recorded beside pages, queued in the transaction that decided them, so they reach the delivery record and the
-- timeline and survive a restart. A notice carries its own title and text (pages are rebuilt from the incident).
ALTER TABLE notifications ADD COLUMN notice_title text;
ALTER TABLE notifications ADD COLUMN notice_text text;
DROP INDEX notifications_one_per_step;
CREATE UNIQUE INDEX notifications_one_per_step ON notifications (incident_id, responder, step, round, channel)
    WHERE page_index IS NULL AND notice_title IS NULL;
