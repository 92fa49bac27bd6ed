/**
 * PostgreSQL storage for Limbic (an edge adapter): the embedded or configured server, versioned schema
 * migrations, the durable alert intake that commits webhook events in groups, and small repositories for
 * incidents, their timelines, escalation progress, notification records and stress episodes (derived facts only,
 * never heart rate), and the retention that deletes what is kept only for a configured time. Uses the Vert.x reactive
 * PostgreSQL client at run time; JDBC only for migrations, off the event loop.
 *
 * <p>Wiring, in order:
 * <ol>
 *   <li>{@link dev.limbic.store.Database#open} with {@link dev.limbic.store.DatabaseSettings} (no URL: an embedded
 *       server under {@code <data dir>/postgres}, started and migrated on a worker thread);</li>
 *   <li>one {@link dev.limbic.store.DurableAlertIntake} over {@code database.pool()} with the routing function
 *       (event → policy id); webhook handlers call {@code submit(events)} and answer 2xx on success, 503 on
 *       {@link dev.limbic.store.IntakeOverloadedException}, 400 on {@code IllegalArgumentException}, 503 on any other
 *       failure (the sender retries; a redelivery is recognised);</li>
 *   <li>after a commit, incidents whose outcome is {@code OPENED} have escalation progress due at their opening
 *       time: the engine reads it through {@link dev.limbic.store.EscalationProgressStore}; on restart it loads
 *       {@code loadUnfinished()} and {@link dev.limbic.store.NotificationStore#loadQueued()};</li>
 *   <li>on shutdown: {@code intake.close()}, then {@code database.close()} (stops the embedded server cleanly).</li>
 * </ol>
 */
package dev.limbic.store;
