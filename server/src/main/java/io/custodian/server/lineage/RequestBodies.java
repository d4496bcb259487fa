package io.custodian.server.lineage;

import io.custodian.server.http.GzipRequestBodies;
import io.custodian.server.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads request bodies with a size limit that holds after decompression too, so neither a huge
 * body nor a small gzip bomb can exhaust memory.
 *
 * <p>Gzip bodies arrive inflated ({@link GzipRequestBodies}, which also refuses broken ones) and
 * without their {@code Content-Encoding}; any other encoding is refused here.
 */
public final class RequestBodies {
    private RequestBodies() {}

    public static byte[] read(InputStream body, String contentEncoding, Long contentLength, long limit) {
        if (contentLength != null && contentLength > limit) {
            throw tooLarge(limit);
        }
        if (body == null) {
            return new byte[0];
        }
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (!encoding.isEmpty() && !encoding.equals("identity")) {
            throw ProblemException.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding",
                    "this Content-Encoding is not supported; send identity or gzip");
        }
        try {
            return readLimited(body, limit);
        } catch (java.io.EOFException e) {
            throw ProblemException.of(Response.Status.BAD_REQUEST, "truncated-body", "the body ended early");
        } catch (IOException e) {
            throw ProblemException.of(Response.Status.BAD_REQUEST, "unreadable-body", "the body could not be read");
        }
    }

    private static byte[] readLimited(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                throw tooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ProblemException tooLarge(long limit) {
        return ProblemException.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                "the body is larger than the limit of " + limit + " bytes (after decompression)");
    }
}
