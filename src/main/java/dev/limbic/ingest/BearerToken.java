package dev.limbic.ingest;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** Finds the token a device presents: {@code Authorization: Bearer <token>}, or {@code ?access_token=} for browsers. */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** The presented token, or {@code null}. */
    static String from(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                return authorization.substring(SCHEME.length()).trim();
            }
            return null;
        }
        return request.getParam("access_token");
    }
}
