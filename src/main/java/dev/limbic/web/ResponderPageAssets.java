package dev.limbic.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the responder page from the classpath ({@value #ROOT}) at {@value #PATH}, with no build step:
 * <ul>
 *   <li>each file is read once (on a worker thread) and kept in memory with its SHA-256 as ETag;</li>
 *   <li>an HTML file's references to sibling assets ({@code src="app.js"}, {@code href="page.css"}) are rewritten
 *       to {@code app.js?v=<hash>}; a request with the current {@code v} is cached for a year as immutable, any other
 *       (and every HTML file) with {@code no-cache} and its ETag, so a changed page is picked up at once and
 *       {@code If-None-Match} gets 304;</li>
 *   <li>every answer carries a strict Content-Security-Policy (scripts, styles and connections only from this
 *       origin; no inline script or style; no framing) and the other usual security headers.</li>
 * </ul>
 * Only plain names ({@code [a-z0-9-]+.(html|js|css|svg|png|webmanifest)}) are served; anything else is 404.
 */
public final class ResponderPageAssets {
    /** Where the page is served. */
    public static final String PATH = "/responder/";
    /** Where the files are on the classpath. */
    static final String ROOT = "webroot/responder/";
    /** The policy on every answer of the page. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg|png|webmanifest)");
    private static final Pattern REFERENCE = Pattern.compile("(src|href)=\"([a-z0-9-]+\\.(?:js|css|svg|png|webmanifest))\"");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "webmanifest", "application/manifest+json");

    private final Vertx vertx;
    private final Map<String, Future<Optional<Asset>>> assets = new ConcurrentHashMap<>();

    private record Asset(Buffer body, String type, String etag, String hash) {
    }

    /** Assets read on {@code vertx}'s worker threads. */
    public ResponderPageAssets(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Adds {@value #PATH} (and a redirect from {@code /responder}) to {@code router}. */
    public void mount(Router router) {
        router.route(PATH + "*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(handler());
    }

    private Handler<RoutingContext> handler() {
        return ctx -> {
            HttpServerResponse response = ctx.response();
            securityHeaders(response);
            if (!ctx.normalizedPath().startsWith(PATH)) {
                ctx.redirect(PATH);
                return;
            }
            String rest = ctx.normalizedPath().substring(PATH.length());
            String name = rest.isEmpty() ? "index.html" : rest;
            if (!NAME.matcher(name).matches()) {
                response.setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("not found");
                return;
            }
            asset(name).onComplete(found -> {
                if (found.failed() || found.result().isEmpty()) {
                    response.setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("not found");
                    return;
                }
                Asset asset = found.result().get();
                boolean html = name.endsWith(".html");
                boolean versioned = !html && asset.hash().equals(ctx.request().getParam("v"));
                response.putHeader(HttpHeaders.CONTENT_TYPE, asset.type())
                        .putHeader(HttpHeaders.ETAG, asset.etag())
                        .putHeader(HttpHeaders.CACHE_CONTROL, versioned ? "public, max-age=31536000, immutable" : "no-cache");
                String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
                if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
                    response.setStatusCode(304).end();
                } else if (ctx.request().method() == HttpMethod.HEAD) {
                    response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(asset.body().length())).end();
                } else {
                    response.end(asset.body());
                }
            });
        };
    }

    /** The headers every answer of the page carries. */
    static void securityHeaders(HttpServerResponse response) {
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Cross-Origin-Resource-Policy", "same-origin")
                .putHeader("Permissions-Policy", "bluetooth=(self), camera=(), microphone=(), geolocation=()");
    }

    private Future<Optional<Asset>> asset(String name) {
        Future<Optional<Asset>> cached = assets.get(name);
        if (cached != null) {
            return cached;
        }
        return assets.computeIfAbsent(name, n -> vertx.executeBlocking(() -> read(n), false));
    }

    private Optional<Asset> read(String name) throws IOException {
        byte[] bytes;
        try (InputStream in = ResponderPageAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            bytes = in.readAllBytes();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (extension.equals("html")) {
            bytes = versioned(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        String hash = sha256(bytes).substring(0, 16);
        return Optional.of(new Asset(Buffer.buffer(bytes), TYPES.get(extension.toLowerCase(Locale.ROOT)),
                "\"" + hash + "\"", hash));
    }

    /** The HTML with each sibling asset reference carrying that asset's hash. */
    private String versioned(String html) throws IOException {
        Matcher matcher = REFERENCE.matcher(html);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Optional<Asset> referenced = read(matcher.group(2));
            String replacement = referenced.map(a -> matcher.group(1) + "=\"" + matcher.group(2) + "?v=" + a.hash() + "\"")
                    .orElse(matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
