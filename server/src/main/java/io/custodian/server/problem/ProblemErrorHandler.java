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
 * URI, headers too large) as problem+json too, instead of Jetty's HTML page.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final ObjectMapper mapper = new ObjectMapper();

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
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
