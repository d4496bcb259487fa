package io.custodian.server.lineage;

import io.custodian.server.problem.ProblemException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies with a size limit that holds after decompression too, so neither a huge
 * body nor a small gzip bomb can exhaust memory.
 *
 * <p>With the server's gzip handler on (the default), Jetty inflates gzip bodies before they get
 * here and removes the header; this class inflates them itself when that handler is off.
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
        try {
            InputStream in = switch (encoding) {
                case "", "identity" -> body;
                case "gzip", "x-gzip" -> new GZIPInputStream(body, 8192);
                default -> throw ProblemException.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding",
                        "Content-Encoding " + abbreviate(encoding) + " is not supported; send identity or gzip");
            };
            return readLimited(in, limit);
        } catch (ZipException e) {
            throw ProblemException.of(Response.Status.BAD_REQUEST, "malformed-gzip",
                    "the body is not valid gzip although Content-Encoding says so");
        } catch (java.io.EOFException e) {
            throw ProblemException.of(Response.Status.BAD_REQUEST, "truncated-body", "the body ended early");
        } catch (IOException e) {
            throw ProblemException.of(Response.Status.BAD_REQUEST, "unreadable-body", "the body could not be read");
        } catch (RuntimeException e) {
            if (causedByZip(e)) {
                throw ProblemException.of(Response.Status.BAD_REQUEST, "malformed-gzip",
                        "the body is not valid gzip although Content-Encoding says so");
            }
            throw e;
        }
    }

    private static boolean causedByZip(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ZipException) {
                return true;
            }
        }
        return false;
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

    private static String abbreviate(String value) {
        return value.length() <= 32 ? value : value.substring(0, 29) + "...";
    }
}
