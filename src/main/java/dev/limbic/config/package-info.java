/**
 * The YAML configuration of Limbic: read once into a Jackson tree, checked key by key by one small
 * section reader per concept (server, database, stress, responders with their devices and channels, teams,
 * schedules, escalation policies, integrations, routes, care), and turned into immutable records and the
 * domain's own types ({@link dev.limbic.schedule.Schedule}, {@link dev.limbic.escalation.EscalationPolicy},
 * {@link dev.limbic.alert.Router}). Every problem is collected and reported together, each as
 * {@code FILE: key.path: problem}; unknown keys and references to ids that do not exist get a "did you mean"
 * suggestion. Secrets that Limbic only checks (device and live tokens, integration secrets) are kept as SHA-256
 * digests. {@link dev.limbic.config.ConfigReloader} swaps in a changed file, or keeps the old configuration when
 * the new one is broken. {@code src/main/resources/dev/limbic/config/example.yaml} shows every key.
 */
package dev.limbic.config;
