package io.custodian.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response headers that keep answers out of browsers' frames, sniffing, referrers and caches:
 * one list for every answer, whether Jersey wrote it or Jetty did (an error raised before any
 * filter runs, a method refused, a path outside every resource).
 */
public final class SecurityHeaders {
    /** Header names and values, in the order they are written. */
    public static final Map<String, String> ALL;

    static {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        headers.put("Cache-Control", "no-store");
        ALL = java.util.Collections.unmodifiableMap(headers);
    }

    private SecurityHeaders() {}
}
