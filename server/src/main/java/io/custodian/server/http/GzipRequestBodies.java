package io.custodian.server.http;

import io.custodian.server.problem.ProblemException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Inflates request bodies sent with {@code Content-Encoding: gzip}, for every endpoint, and refuses
 * one that is not whole, valid gzip with a 400 saying so. Jetty's gzip handler, which would do it
 * otherwise, ends a body silently where its gzip stream breaks off: a truncated body reached
 * resources as a shorter (or empty) one. Resources see the inflated body, without
 * {@code Content-Encoding} or {@code Content-Length}; the body size limit counts inflated bytes.
 */
public final class GzipRequestBodies implements Filter {
    private static final Set<String> GZIP = Set.of("gzip", "x-gzip");
    private static final Set<String> HIDDEN = Set.of("content-encoding", "content-length");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && isGzip(http.getHeader("Content-Encoding"))) {
            chain.doFilter(new Inflated(http), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean isGzip(String encoding) {
        return encoding != null && GZIP.contains(encoding.strip().toLowerCase(Locale.ROOT));
    }

    /** The request as if it had been sent uncompressed. */
    private static final class Inflated extends HttpServletRequestWrapper {
        private ServletInputStream body;

        Inflated(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new InflatingStream(super.getInputStream());
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(Inflated::hidden);
            return Collections.enumeration(names);
        }

        @Override
        public int getIntHeader(String name) {
            return hidden(name) ? -1 : super.getIntHeader(name);
        }

        private static boolean hidden(String name) {
            return name != null && HIDDEN.contains(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Inflates as it is read; the gzip header is read on the first read, not before. A gzip stream
     * that is broken, or that the body ends before its trailer, fails the read with a 400; a body
     * the client stopped sending fails as it would uncompressed.
     */
    private static final class InflatingStream extends ServletInputStream {
        private final ServletInputStream compressed;
        private final Watched watched;
        private InputStream inflated;
        private boolean finished;

        InflatingStream(ServletInputStream compressed) {
            this.compressed = compressed;
            this.watched = new Watched(compressed);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (finished) {
                return -1;
            }
            try {
                if (inflated == null) {
                    inflated = new GZIPInputStream(watched, 8192);
                }
                int n = inflated.read(buffer, offset, length);
                finished = n == -1;
                return n;
            } catch (ZipException e) {
                throw notGzip("the body is not valid gzip although Content-Encoding says so");
            } catch (EOFException e) {
                if (watched.failed) {
                    throw e;
                }
                throw notGzip("the body is not valid gzip: it ends before its gzip stream does");
            }
        }

        @Override
        public int available() throws IOException {
            return inflated == null || finished ? 0 : inflated.available();
        }

        @Override
        public void close() throws IOException {
            compressed.close();
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("gzip request bodies are read blocking");
        }

        private static ProblemException notGzip(String detail) {
            return ProblemException.of(Response.Status.BAD_REQUEST, "malformed-gzip", detail);
        }
    }

    /** Remembers whether reading the body itself failed (the client went away), not its inflating. */
    private static final class Watched extends FilterInputStream {
        boolean failed;

        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }
}
