-- Limbic schema, version 3: stress episodes as the stress-aware rules open and close them. Derived facts only:
-- who, which incident, when, what opened and closed it, and the highest state reached; never heart rate.

-- The rules' own id for the episode (responder/incident/opening instant), so opening it twice records it once.
ALTER TABLE stress_episodes ADD COLUMN episode_key text;
UPDATE stress_episodes SET episode_key = 'v1/' || id WHERE episode_key IS NULL;
ALTER TABLE stress_episodes ALTER COLUMN episode_key SET NOT NULL;
-- Why it opened and why it closed, in words for people (the timeline's words; never heart rate).
ALTER TABLE stress_episodes ADD COLUMN reason text NOT NULL DEFAULT '';
ALTER TABLE stress_episodes ADD COLUMN close_reason text;

-- kind: what opened it; verdict: whether it can be put down to the incident ('attributed') or the responder was
-- already stressed before the page ('indeterminate').
ALTER TABLE stress_episodes ADD CONSTRAINT stress_episodes_kind
    CHECK (kind IN ('page_reaction', 'acute_during_incident'));
ALTER TABLE stress_episodes ADD CONSTRAINT stress_episodes_verdict
    CHECK (verdict IN ('attributed', 'indeterminate'));
ALTER TABLE stress_episodes ADD CONSTRAINT stress_episodes_closed_after_opened
    CHECK (closed_at IS NULL OR closed_at >= opened_at);
ALTER TABLE stress_episodes ADD CONSTRAINT stress_episodes_close_reason
    CHECK ((closed_at IS NULL) = (close_reason IS NULL));

CREATE UNIQUE INDEX stress_episodes_by_key ON stress_episodes (episode_key);
-- A responder has at most one open episode.
CREATE UNIQUE INDEX stress_episodes_one_open ON stress_episodes (responder) WHERE closed_at IS NULL;
CREATE INDEX stress_episodes_by_incident ON stress_episodes (incident_id, opened_at);
