/**
 * PostgreSQL storage for Limbic (an edge adapter): the embedded or configured server, versioned schema
 * migrations, the durable alert intake that commits webhook events in groups, and small repositories for
 * incidents, their timelines, escalation progress and notification records. Uses the Vert.x reactive
 * PostgreSQL client at run time; JDBC only for migrations, off the event loop.
 */
package dev.limbic.store;
