package io.custodian.server.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.server.http.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Problems answered below Jersey, by servlet filters and by Jetty's error handler: the same
 * problem+json body and {@link SecurityHeaders} that Jersey's answers carry.
 */
public final class ProblemResponses {
    private static final ObjectMapper mapper = new ObjectMapper();

    private ProblemResponses() {}

    /** Answers {@code problem} on a response nothing has been written to yet. */
    public static void write(HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = json(problem);
        response.setStatus(problem.status());
        SecurityHeaders.ALL.forEach(response::setHeader);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static byte[] json(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + problem.status() + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
