-- Limbic schema, version 4: the hourly retention sweep finds incidents resolved before its cutoff by index, instead
-- of reading every resolved incident.
CREATE INDEX incidents_resolved_at ON incidents (resolved_at) WHERE status = 'resolved';
