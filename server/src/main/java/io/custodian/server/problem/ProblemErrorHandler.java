package io.custodian.server.problem;

import io.custodian.server.http.SecurityHeaders;
import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders every answer Jetty writes itself as problem+json with the {@link SecurityHeaders}: a
 * request it cannot parse (malformed or ambiguous URI, headers too large, an unknown HTTP
 * version), a method the server refuses (TRACE, unknown methods), a path outside every
 * resource, and the bare errors Jersey leaves to the container. Whatever the method: Jetty's own
 * handler writes a body for GET, POST and HEAD only, and answers a TRACE with an empty one.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    /**
     * Jetty names the rule a request broke in a fixed phrase ("Ambiguous URI path separator"); a
     * reason that is not such a plain phrase is left out, so nothing from the request is echoed.
     */
    private static final Pattern PLAIN_PHRASE = Pattern.compile("[A-Za-z][A-Za-z0-9 ,.-]{0,79}");
    /** Jetty answers 503 itself only while it stops (requests on open connections): try again shortly. */
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final String STOPPING = "the service is stopping and takes no new requests; retry later";

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** Jetty sets its own Cache-Control here, before any error answer; these headers include one. */
    @Override
    protected void generateCacheControl(Response response) {
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.ALL.forEach(headers::put);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            // Jetty's graceful stop refuses requests on open connections with the bare status.
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            Problem unavailable = StatusProblems.of(code);
            response.write(true, ByteBuffer.wrap(ProblemResponses.json(new Problem(unavailable.type(),
                    unavailable.title(), code, STOPPING, unavailable.errors()))), callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(body(code, cause instanceof HttpException ? message : null)), callback);
    }

    /** Requests refused while their head is parsed, before there is a request to hand to a handler. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.ALL.forEach(fields::put);
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String jettyReason) {
        Problem problem = StatusProblems.of(code);
        if (jettyReason != null && PLAIN_PHRASE.matcher(jettyReason).matches()
                && !jettyReason.equalsIgnoreCase(problem.title())) {
            problem = new Problem(problem.type(), problem.title(), code, problem.detail() + " (" + jettyReason + ")",
                    problem.errors());
        }
        return ProblemResponses.json(problem);
    }
}
