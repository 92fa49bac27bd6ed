-- Limbic schema, version 1: incidents and what happens to them, escalation progress, notifications,
-- stress episodes and device pairings. Times are timestamptz (UTC); statuses are lower-case words.

CREATE SEQUENCE incident_ids;

-- One incident per (integration, dedup key) while it is open; after it is resolved the same key opens a new one.
CREATE TABLE incidents (
    id              bigint PRIMARY KEY DEFAULT nextval('incident_ids'),
    integration     text        NOT NULL,
    dedup_key       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('triggered', 'acknowledged', 'resolved')),
    severity        text        NOT NULL CHECK (severity IN ('critical', 'error', 'warning', 'info')),
    summary         text        NOT NULL,
    source          text        NOT NULL DEFAULT '',
    labels          jsonb       NOT NULL DEFAULT '{}',
    details         jsonb       NOT NULL DEFAULT '{}',
    policy_id       text,
    opened_at       timestamptz NOT NULL,
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at     timestamptz,
    resolved_by     text,
    alert_count     integer     NOT NULL DEFAULT 1 CHECK (alert_count >= 1),
    last_alert_at   timestamptz NOT NULL,
    CHECK (status <> 'acknowledged' OR acknowledged_at IS NOT NULL),
    CHECK (status <> 'resolved' OR resolved_at IS NOT NULL)
);
ALTER SEQUENCE incident_ids OWNED BY incidents.id;

-- A retried or concurrent trigger can never open a second incident for a key that is still open.
CREATE UNIQUE INDEX incidents_one_open_per_key ON incidents (integration, dedup_key) WHERE status <> 'resolved';
CREATE INDEX incidents_by_status ON incidents (status, id DESC);
CREATE INDEX incidents_by_opened_at ON incidents (opened_at);

-- Every event received, with what it did. idempotency_key is a hash of the event's content: the same content
-- recorded on the same open incident is a redelivery and changes nothing.
CREATE TABLE alert_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at     timestamptz NOT NULL,
    integration     text        NOT NULL,
    dedup_key       text        NOT NULL,
    action          text        NOT NULL CHECK (action IN ('trigger', 'acknowledge', 'resolve')),
    severity        text        NOT NULL,
    summary         text        NOT NULL,
    source          text        NOT NULL,
    labels          jsonb       NOT NULL,
    details         jsonb       NOT NULL,
    idempotency_key text        NOT NULL,
    outcome         text        NOT NULL
        CHECK (outcome IN ('opened', 'deduplicated', 'repeated', 'acknowledged', 'resolved', 'ignored')),
    incident_id     bigint
);
CREATE INDEX alert_events_by_incident ON alert_events (incident_id, idempotency_key);
CREATE INDEX alert_events_by_received_at ON alert_events USING brin (received_at);

-- What happened to an incident, in order, for people.
CREATE TABLE incident_timeline (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id bigint      NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL,
    kind        text        NOT NULL,
    actor       text        NOT NULL,
    text        text        NOT NULL,
    fields      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX incident_timeline_by_incident ON incident_timeline (incident_id, at, id);

-- Where each incident's escalation stands, so a restart resumes every timer. version guards concurrent saves.
CREATE TABLE escalation_progress (
    incident_id   bigint PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    policy_id     text        NOT NULL,
    step          integer     NOT NULL DEFAULT 0 CHECK (step >= 0),
    round         integer     NOT NULL DEFAULT 0 CHECK (round >= 0),
    next_due_at   timestamptz,
    status        text        NOT NULL CHECK (status IN ('active', 'acknowledged', 'snoozed', 'done')),
    snoozed_until timestamptz,
    version       bigint      NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX escalation_progress_due ON escalation_progress (next_due_at) WHERE status <> 'done';

-- Each page to a responder on a channel. The unique key makes re-sending a step after a restart a no-op
-- (at most one duplicate: the one that was in flight when the process died).
CREATE TABLE notifications (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id     bigint      NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    responder       text        NOT NULL,
    channel         text        NOT NULL,
    step            integer     NOT NULL,
    round           integer     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (incident_id, responder, step, round, channel)
);
CREATE INDEX notifications_pending ON notifications (next_attempt_at) WHERE status = 'queued';

-- Stress episodes: derived states only, never raw heart rate (raw samples stay in memory).
CREATE TABLE stress_episodes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    responder   text        NOT NULL,
    incident_id bigint REFERENCES incidents (id) ON DELETE SET NULL,
    opened_at   timestamptz NOT NULL,
    closed_at   timestamptz,
    kind        text        NOT NULL,
    verdict     text        NOT NULL,
    peak_state  text        NOT NULL CHECK (peak_state IN ('unknown', 'calm', 'elevated', 'acute'))
);
CREATE INDEX stress_episodes_by_responder ON stress_episodes (responder, opened_at);
CREATE INDEX stress_episodes_by_opened_at ON stress_episodes (opened_at);

-- Which heart-rate strap (BLE device address) belongs to which responder.
CREATE TABLE pairings (
    device_address text PRIMARY KEY,
    responder      text        NOT NULL,
    paired_at      timestamptz NOT NULL
);
CREATE INDEX pairings_by_responder ON pairings (responder);
