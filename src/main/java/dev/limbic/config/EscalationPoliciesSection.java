package dev.limbic.config;

import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.escalation.EscalationStep;
import dev.limbic.escalation.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code escalation_policies[]}: {@code repeat}, {@code ack_timeout} and ordered {@code steps[]}, each with a
 * {@code delay} and {@code targets} written {@code responder:ID} / {@code schedule:ID} or as
 * {@code {responder: ID}} / {@code {schedule: ID}}.
 */
final class EscalationPoliciesSection {
    private static final String TARGET_HINT = "write responder:ID or schedule:ID";

    private EscalationPoliciesSection() {
    }

    static List<EscalationPolicy> read(YamlObject root, Ids responders, Ids schedules, Ids ids) {
        List<EscalationPolicy> policies = new ArrayList<>();
        for (YamlObject.Item item : root.objects("escalation_policies")) {
            YamlObject p = item.object();
            String id = ids.claim(p, "id");
            int repeat = p.integer("repeat", 0, 0, 100);
            Duration ackTimeout = p.duration("ack_timeout", Duration.ZERO);
            if (ackTimeout.isNegative()) {
                p.problem("ack_timeout", "must not be negative");
                ackTimeout = Duration.ZERO;
            }
            List<EscalationStep> steps = new ArrayList<>();
            List<YamlObject.Item> stepItems = p.objects("steps");
            if (!p.has("steps")) {
                p.problem("steps", "missing (a policy needs at least one step)");
            } else if (p.isEmptyList("steps")) {
                p.problem("steps", "must have at least one step");
            }
            boolean complete = !stepItems.isEmpty();
            for (YamlObject.Item stepItem : stepItems) {
                EscalationStep step = step(stepItem.object(), responders, schedules);
                if (step == null) {
                    complete = false;
                } else {
                    steps.add(step);
                }
            }
            p.rejectUnknownKeys();
            if (id != null && complete) {
                policies.add(new EscalationPolicy(id, steps, repeat, ackTimeout));
            }
        }
        return policies;
    }

    private static EscalationStep step(YamlObject s, Ids responders, Ids schedules) {
        Duration delay = null;
        if (!s.has("delay")) {
            s.problem("delay", "missing (how long to wait for an acknowledgement before the next step, like 5m)");
        } else {
            delay = s.optionalDuration("delay").orElse(null);
            if (delay != null && (delay.isZero() || delay.isNegative())) {
                s.problem("delay", "must be longer than 0s");
                delay = null;
            }
        }
        List<Target> targets = new ArrayList<>();
        List<YamlObject.Element> elements = s.elements("targets");
        if (!s.has("targets")) {
            s.problem("targets", "missing (" + TARGET_HINT + ")");
        } else if (s.isEmptyList("targets")) {
            s.problem("targets", "must name at least one target");
        }
        boolean complete = true;
        for (YamlObject.Element element : elements) {
            Target target = element.text() != null ? target(s, element.path(), element.text(), responders, schedules)
                    : target(element.object(), responders, schedules);
            if (target == null) {
                complete = false;
            } else {
                targets.add(target);
            }
        }
        s.rejectUnknownKeys();
        return delay == null || !complete || targets.isEmpty() ? null : new EscalationStep(targets, delay);
    }

    private static Target target(YamlObject s, String path, String text, Ids responders, Ids schedules) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).trim();
        String id = colon < 0 ? text : text.substring(colon + 1).trim();
        return switch (kind) {
            case "responder" -> responders.check(s, path, id) ? Target.responder(id) : null;
            case "schedule" -> schedules.check(s, path, id) ? Target.schedule(id) : null;
            default -> {
                s.problemAt(path, "'" + text + "' is not a target (" + TARGET_HINT + ")");
                yield null;
            }
        };
    }

    private static Target target(YamlObject t, Ids responders, Ids schedules) {
        boolean responder = t.has("responder");
        boolean schedule = t.has("schedule");
        Target target = null;
        if (responder == schedule) {
            t.problemAt(t.path(), "a target names exactly one of responder or schedule");
        } else if (responder) {
            String id = t.string("responder", "");
            target = responders.check(t, t.pathOf("responder"), id) ? Target.responder(id) : null;
        } else {
            String id = t.string("schedule", "");
            target = schedules.check(t, t.pathOf("schedule"), id) ? Target.schedule(id) : null;
        }
        t.rejectUnknownKeys();
        return target;
    }
}
