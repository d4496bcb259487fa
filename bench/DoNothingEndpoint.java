import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The ceiling an ingestion benchmark can show on this machine: an endpoint that reads each body in
 * full and answers 201, doing nothing else. bench/ingest-load.sh runs the same load generator
 * against it and against Custodian in the same run, and reports the ratio.
 *
 * <pre>java bench/DoNothingEndpoint.java 18090</pre>
 */
public final class DoNothingEndpoint {
    private DoNothingEndpoint() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: about 40 ms per request, 178 events/s at 8 connections instead of 4,000.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        byte[] created = "{}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, created.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(created);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
        System.out.println("do-nothing endpoint on 127.0.0.1:" + port);
    }
}
