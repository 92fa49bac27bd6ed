package dev.limbic.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code teams[]}: id, name, members and lead, all naming configured responders. */
final class TeamsSection {
    private TeamsSection() {
    }

    static List<TeamConfig> read(YamlObject root, Ids responders) {
        Ids ids = new Ids("team");
        List<TeamConfig> teams = new ArrayList<>();
        for (YamlObject.Item item : root.objects("teams")) {
            YamlObject t = item.object();
            String id = ids.claim(t, "id");
            String name = t.string("name", id);
            Set<String> members = new LinkedHashSet<>();
            for (YamlObject.Element member : t.strings("members")) {
                if (!members.add(member.text())) {
                    t.problemAt(member.path(), "'" + member.text() + "' is already a member");
                } else {
                    responders.check(t, member.path(), member.text());
                }
            }
            Optional<String> lead = t.optionalString("lead");
            lead.ifPresent(l -> responders.check(t, t.pathOf("lead"), l));
            t.rejectUnknownKeys();
            if (id != null) {
                teams.add(new TeamConfig(id, name, List.copyOf(members), lead));
            }
        }
        return teams;
    }
}
