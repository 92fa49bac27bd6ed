package dev.limbic.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A team: the responders whose load is counted together on the leads' panels.
 *
 * @param id      unique, made of {@code [a-z0-9_-]}
 * @param name    how people call it
 * @param members responder ids, each once
 * @param lead    the responder who leads it, if named
 */
public record TeamConfig(String id, String name, List<String> members, Optional<String> lead) {
    public TeamConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Objects.requireNonNull(lead, "lead");
    }
}
