/**
 * The YAML configuration of Limbic: read once into a Jackson tree, checked key by key by one small
 * section reader per concept, and turned into immutable records. Every problem is collected and reported
 * together, each as {@code FILE: key.path: problem}; unknown keys get a "did you mean" suggestion.
 */
package dev.limbic.config;
