package dev.limbic.config;

import dev.limbic.stress.StressThresholds;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads {@code responders[]} with their {@code devices[]} and {@code channels[]}, checking ids, tokens and
 * partners across all of them.
 */
final class RespondersSection {
    static final Pattern ID = Pattern.compile("[a-z0-9_-]+");
    static final int MIN_TOKEN_LENGTH = 16;

    private RespondersSection() {
    }

    static List<ResponderConfig> read(YamlObject root, StressThresholds stress) {
        List<ResponderConfig> responders = new ArrayList<>();
        Map<String, String> responderIds = new LinkedHashMap<>();
        Map<String, String> deviceIds = new HashMap<>();
        Map<DeviceToken, String> tokens = new HashMap<>();
        Map<SecretDigest, String> liveTokens = new HashMap<>();
        List<PartnerChoice> partners = new ArrayList<>();
        for (YamlObject.Item item : root.objects("responders")) {
            YamlObject r = item.object();
            String id = r.requiredString("id");
            if (id != null) {
                if (!ID.matcher(id).matches()) {
                    r.problem("id", "must be made of a-z, 0-9, '_' and '-' (got '" + id + "')");
                } else if (responderIds.putIfAbsent(id, r.path()) != null) {
                    r.problem("id", "'" + id + "' is already the id of " + responderIds.get(id));
                }
            }
            String name = r.string("name", id);
            ZoneId zone = timezone(r);
            boolean monitoring = r.bool("heart_rate_monitoring", false);
            OptionalDouble resting = r.optionalNumber("resting_heart_rate_bpm");
            if (resting.isPresent()) {
                try {
                    stress.withRestingHeartRateBpm(resting.getAsDouble());
                } catch (IllegalArgumentException e) {
                    StressSection.reportThresholdProblem(r, e);
                }
            }
            List<DeviceConfig> devices = new ArrayList<>();
            for (YamlObject.Item deviceItem : r.objects("devices")) {
                DeviceConfig device = device(deviceItem.object(), deviceIds, tokens);
                if (device != null) {
                    devices.add(device);
                }
            }
            Optional<String> partner = r.optionalString("partner");
            if (partner.isPresent() && id != null) {
                partners.add(new PartnerChoice(id, partner.get(), r));
            }
            Optional<SecretDigest> liveToken = liveToken(r, liveTokens);
            List<ChannelConfig> channels = ChannelsSection.read(r, r.has("live_token"));
            int rate = r.integer("notification_rate_per_minute", ResponderConfig.DEFAULT_NOTIFICATION_RATE_PER_MINUTE, 1, 600);
            r.rejectUnknownKeys();
            if (id != null) {
                responders.add(new ResponderConfig(id, name, zone, monitoring, resting, devices, partner, liveToken, channels, rate));
            }
        }
        for (PartnerChoice choice : partners) {
            if (choice.partner().equals(choice.responder())) {
                choice.at().problem("partner", "'" + choice.responder() + "' cannot be their own partner");
            } else if (!responderIds.containsKey(choice.partner())) {
                choice.at().problem("partner", References.unknown("responder", choice.partner(), responderIds.keySet()));
            }
        }
        return responders;
    }

    /** A responder's partner, checked once every responder is known. */
    private record PartnerChoice(String responder, String partner, YamlObject at) {
    }

    private static Optional<SecretDigest> liveToken(YamlObject r, Map<SecretDigest, String> liveTokens) {
        String secret = r.string("live_token", null);
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.length() < MIN_TOKEN_LENGTH) {
            r.problem("live_token", "must be at least " + MIN_TOKEN_LENGTH + " characters");
            return Optional.empty();
        }
        SecretDigest digest = SecretDigest.of(secret);
        String owner = liveTokens.putIfAbsent(digest, r.path());
        if (owner != null) {
            r.problem("live_token", "is the same as the live_token of " + owner + " (each responder needs their own)");
        }
        return Optional.of(digest);
    }

    private static ZoneId timezone(YamlObject r) {
        String zone = r.requiredString("timezone");
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            r.problem("timezone", "'" + zone + "' is not a time zone (use a region like Europe/Berlin, or UTC)");
            return ZoneOffset.UTC;
        }
    }

    private static DeviceConfig device(YamlObject d, Map<String, String> deviceIds, Map<DeviceToken, String> tokens) {
        String id = d.requiredString("id");
        if (id != null) {
            if (id.isBlank()) {
                d.problem("id", "must not be empty");
            } else if (deviceIds.putIfAbsent(id, d.path()) != null) {
                d.problem("id", "'" + id + "' is already the id of " + deviceIds.get(id));
            }
        }
        String secret = d.requiredString("token");
        DeviceToken token = null;
        if (secret != null) {
            if (secret.length() < MIN_TOKEN_LENGTH) {
                d.problem("token", "must be at least " + MIN_TOKEN_LENGTH + " characters");
            } else {
                token = DeviceToken.of(secret);
                String owner = tokens.putIfAbsent(token, d.path());
                if (owner != null) {
                    d.problem("token", "is the same as the token of " + owner + " (each device needs its own)");
                }
            }
        }
        d.rejectUnknownKeys();
        return id == null || token == null ? null : new DeviceConfig(id, token);
    }
}
