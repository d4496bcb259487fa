package io.custodian.server.durability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 connection to a server, used for one request after another: what a client that
 * keeps connections open sends a stopping server. Java's HTTP client would open a new connection
 * when the old one is gone; this one never does.
 */
final class KeptAliveConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final String key;

    /** An answer: its status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, String body) {}

    KeptAliveConnection(int port, String key) throws IOException {
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        this.socket.setSoTimeout(30_000);
        this.in = socket.getInputStream();
        this.key = key;
    }

    /** HEAD, so there is no body to read: keeps the connection open and idle. */
    Answer head(String path) throws IOException {
        return send("HEAD", path, false);
    }

    Answer get(String path) throws IOException {
        return send("GET", path, true);
    }

    private Answer send(String method, String path, boolean withBody) throws IOException {
        String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String[] head = readHead().split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
        }
        String body = "";
        if (withBody && headers.containsKey("content-length")) {
            body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        return new Answer(status, headers, body);
    }

    /** The status line and headers, up to the empty line. */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection without an answer");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
