package dev.limbic.ingest;

import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code POST /v1/devices/samples}: a JSON batch of samples from one device, for relays that cannot keep a
 * WebSocket open:
 *
 * <pre>{"samples": [{"t_ms": 1764582000000, "hr_bpm": 72, "rr_ms": [812.0], "contact": "detected"}]}</pre>
 *
 * {@code t_ms} (send time, epoch ms) and {@code hr_bpm} are required, {@code rr_ms} and {@code contact}
 * ({@code unsupported}, {@code lost}, {@code detected}; default {@code unsupported}) optional. The whole
 * batch is checked first: a malformed one gets 400 naming the first bad field and nothing is applied.
 * Each sample is then encoded as a Heart Rate Measurement and goes through the same decoder, time checks
 * and detector as a streamed frame, in order of its time. Answers 202 {@code {"accepted":N,"rejected":M}}.
 */
public final class SampleBatchEndpoint {
    public static final String PATH = "/v1/devices/samples";
    public static final int MAX_BODY_BYTES = 128 * 1024;
    public static final int MAX_SAMPLES = 1000;
    /** The largest RR interval the wire format can carry: 65535/1024 s. */
    static final double MAX_RR_MILLIS = 65535 * 1000.0 / 1024.0;
    private static final String DEVICE = "limbic.device";

    private final DeviceAccess access;
    private final FrameIngest ingest;

    public SampleBatchEndpoint(DeviceDirectory directory, FrameIngest ingest) {
        this.access = new DeviceAccess(directory);
        this.ingest = ingest;
    }

    /**
     * Adds the endpoint to {@code router}: a first route authenticates before the body is read (so a wrong
     * token costs no upload), a second reads the body within its limit (413 past it) and applies it.
     */
    public void mount(Router router) {
        router.post(PATH).handler(this::authenticate);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::apply);
    }

    private void authenticate(RoutingContext ctx) {
        AuthenticatedDevice device = access.check(ctx);
        if (device != null) {
            ctx.put(DEVICE, device);
            ctx.next();
        }
    }

    private void apply(RoutingContext ctx) {
        long arrivalNanos = System.nanoTime();
        AuthenticatedDevice device = ctx.get(DEVICE);
        List<Sample> samples;
        try {
            samples = parse(ctx);
        } catch (MalformedBatch e) {
            DeviceAccess.error(ctx, 400, e.getMessage());
            return;
        }
        samples.sort(Comparator.comparingLong(Sample::sentAtMillis));
        byte[] value = new byte[HeartRateMeasurementDecoder.MAX_VALUE_LENGTH];
        int accepted = 0;
        for (Sample sample : samples) {
            int length = HeartRateMeasurementEncoder.encode(sample.heartRateBpm(), sample.contact(),
                    HeartRateMeasurement.NO_ENERGY, sample.rrIntervals1024(), value, 0);
            if (ingest.applyValue(device, sample.sentAtMillis(), value, 0, length, Transport.HTTP, arrivalNanos) == null) {
                accepted++;
            }
        }
        ctx.response().setStatusCode(202)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("accepted", accepted).put("rejected", samples.size() - accepted).encode());
    }

    private static List<Sample> parse(RoutingContext ctx) throws MalformedBatch {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new MalformedBatch("body: not a JSON object");
        }
        if (body == null) {
            throw new MalformedBatch("body: missing");
        }
        Object list = body.getValue("samples");
        if (list == null) {
            throw new MalformedBatch("samples: missing");
        }
        if (!(list instanceof JsonArray array)) {
            throw new MalformedBatch("samples: must be a list");
        }
        if (array.size() > MAX_SAMPLES) {
            throw new MalformedBatch("samples: at most " + MAX_SAMPLES + " per batch (got " + array.size() + ")");
        }
        List<Sample> samples = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = "samples[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject sample)) {
                throw new MalformedBatch(at + ": must be an object");
            }
            samples.add(sample(sample, at));
        }
        return samples;
    }

    private static Sample sample(JsonObject json, String at) throws MalformedBatch {
        long sentAt = integer(json, "t_ms", at, 0, Long.MAX_VALUE, "an integer (epoch milliseconds)");
        int heartRate = (int) integer(json, "hr_bpm", at, 0, 0xFFFF, "an integer between 0 and 65535");
        SensorContact contact = SensorContact.UNSUPPORTED;
        Object contactValue = json.getValue("contact");
        if (contactValue != null) {
            try {
                contact = SensorContact.fromLabel(String.valueOf(contactValue));
            } catch (IllegalArgumentException e) {
                throw new MalformedBatch(at + ".contact: must be one of unsupported, lost, detected");
            }
        }
        int[] rr = new int[0];
        Object rrValue = json.getValue("rr_ms");
        if (rrValue != null) {
            if (!(rrValue instanceof JsonArray rrList)) {
                throw new MalformedBatch(at + ".rr_ms: must be a list of numbers");
            }
            if (rrList.size() > HeartRateMeasurement.MAX_RR_INTERVALS) {
                throw new MalformedBatch(at + ".rr_ms: at most " + HeartRateMeasurement.MAX_RR_INTERVALS + " intervals");
            }
            rr = new int[rrList.size()];
            for (int j = 0; j < rr.length; j++) {
                if (!(rrList.getValue(j) instanceof Number millis)
                        || !(millis.doubleValue() >= 0 && millis.doubleValue() <= MAX_RR_MILLIS)) {
                    throw new MalformedBatch(at + ".rr_ms[" + j + "]: must be a number of milliseconds between 0 and 63999");
                }
                rr[j] = Math.min(0xFFFF, HeartRateMeasurementEncoder.rrMillisTo1024(millis.doubleValue()));
            }
        }
        return new Sample(sentAt, heartRate, contact, rr);
    }

    private static long integer(JsonObject json, String key, String at, long min, long max, String expected)
            throws MalformedBatch {
        Object value = json.getValue(key);
        if (value == null) {
            throw new MalformedBatch(at + "." + key + ": missing");
        }
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger big && big.bitLength() < 64)) {
            throw new MalformedBatch(at + "." + key + ": must be " + expected);
        }
        long number = ((Number) value).longValue();
        if (number < min || number > max) {
            throw new MalformedBatch(at + "." + key + ": must be " + expected);
        }
        return number;
    }

    private record Sample(long sentAtMillis, int heartRateBpm, SensorContact contact, int[] rrIntervals1024) {
    }

    /** A batch that cannot be applied; the message names the field. */
    private static final class MalformedBatch extends Exception {
        MalformedBatch(String message) {
            super(message, null, false, false);
        }
    }
}
