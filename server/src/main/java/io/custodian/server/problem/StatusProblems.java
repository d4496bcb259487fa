package io.custodian.server.problem;

import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The problem for a bare status: what Jersey answers when no resource matches (404, 405, 406,
 * 415) and what Jetty answers before Jersey runs (a request it cannot parse, a method the server
 * refuses, headers too large). One wording per status, whichever layer refused the request; the
 * type is the status's reason phrase ({@code .../problems/method-not-allowed}).
 */
final class StatusProblems {
    private StatusProblems() {}

    static Problem of(int status) {
        String title = HttpStatus.getMessage(status);
        return new Problem(ProblemException.type(slug(title)), title, status, detail(status, title), List.of());
    }

    private static String detail(int status, String title) {
        return switch (status) {
            case 400 -> "the request could not be read: its request line, URI or a header is malformed";
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 406 -> "the requested media type is not available; ask for application/json";
            case 408 -> "the request did not arrive in time";
            case 411 -> "a body needs a Content-Length or chunked Transfer-Encoding";
            case 413 -> "the body is larger than this service accepts";
            case 414 -> "the URI is longer than this service accepts";
            case 415 -> "unsupported content type; send application/json";
            case 431 -> "the request's headers are larger than this service accepts";
            case 500 -> "an unexpected error occurred";
            case 501 -> "this method is not implemented";
            case 503 -> "the service cannot answer now; retry later";
            case 505 -> "this HTTP version is not supported; use HTTP/1.1 or HTTP/2";
            default -> title;
        };
    }

    private static String slug(String phrase) {
        return phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
