/** The {@code limbic} command line: one picocli subcommand per thing a person can do. */
package dev.limbic.cli;
