package dev.limbic.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The ids of one kind of thing (schedules, policies, …) in the order of the file, checked for form and uniqueness. */
final class Ids {
    static final Pattern ID = Pattern.compile("[a-z0-9_-]+");

    private final String kind;
    private final Map<String, String> pathById = new LinkedHashMap<>();

    Ids(String kind) {
        this.kind = kind;
    }

    /** Reads the required {@code key} of {@code o} as a new id; {@code null} (reported) when missing, malformed or taken. */
    String claim(YamlObject o, String key) {
        String id = o.requiredString(key);
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            o.problem(key, "must be made of a-z, 0-9, '_' and '-' (got '" + id + "')");
            return null;
        }
        String earlier = pathById.putIfAbsent(id, o.path());
        if (earlier != null) {
            o.problem(key, "'" + id + "' is already the " + key + " of " + earlier);
            return null;
        }
        return id;
    }

    /** Ids already checked elsewhere (responders, read with their own rules). */
    static Ids of(String kind, Iterable<String> ids) {
        Ids known = new Ids(kind);
        for (String id : ids) {
            known.pathById.put(id, id);
        }
        return known;
    }

    boolean contains(String id) {
        return pathById.containsKey(id);
    }

    Set<String> all() {
        return pathById.keySet();
    }

    /** Reports {@code id} at {@code path} unless it is known; returns whether it is. */
    boolean check(YamlObject at, String path, String id) {
        if (contains(id)) {
            return true;
        }
        at.problemAt(path, References.unknown(kind, id, all()));
        return false;
    }
}
