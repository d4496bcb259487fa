package io.custodian.server.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Renders the errors Jetty raises before a request reaches Jersey (a malformed or ambiguous
 * URI, headers too large, a request that arrives while the server stops) as problem+json too,
 * instead of Jetty's HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final ObjectMapper mapper = new ObjectMapper();
    /** Jetty answers 503 itself only while it stops (requests on open connections): try again shortly. */
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final String STOPPING = "the service is stopping and takes no new requests; retry later";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        String detail = message;
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            // Jetty's graceful stop refuses a request with the bare status (or its reason phrase).
            boolean bare = message == null || message.isBlank() || message.equals(HttpStatus.getMessage(code));
            detail = bare ? STOPPING : message;
        }
        response.write(true, ByteBuffer.wrap(body(code, detail)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE));
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        String title = HttpStatus.getMessage(code);
        // Jetty's messages name the rule that was broken, never values from the request.
        String detail = message == null || message.isBlank() ? title : message;
        Problem problem = new Problem(ProblemException.type("http-" + code), title, code, detail, List.of());
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
