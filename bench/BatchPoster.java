import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts a JSONL file of OpenLineage events (as the shared load generator writes with {@code --out})
 * to {@code POST /api/v1/lineage/batch}, {@code size} events per request, over {@code connections}
 * concurrent connections, in the file's order; prints events per second. For producers that
 * buffer: the same events as bench/ingest-load.sh posts one at a time.
 *
 * <pre>java bench/BatchPoster.java http://127.0.0.1:18080 "Bearer KEY" events.jsonl 100 8</pre>
 */
public final class BatchPoster {
    private BatchPoster() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BatchPoster BASE_URL AUTHORIZATION EVENTS.jsonl BATCH_SIZE CONNECTIONS");
            System.exit(2);
        }
        URI uri = URI.create(args[0] + "/api/v1/lineage/batch");
        String authorization = args[1];
        List<String> lines = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        int size = Integer.parseInt(args[3]);
        int connections = Integer.parseInt(args[4]);

        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += size) {
            bodies.add(("[" + String.join(",", lines.subList(from, Math.min(lines.size(), from + size))) + "]")
                    .getBytes(StandardCharsets.UTF_8));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failedRequests = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < bodies.size()) {
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                            .header("Content-Type", "application/json").header("Authorization", authorization)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failedRequests.incrementAndGet();
                            continue;
                        }
                        // {"accepted":N,...}: the count of events this batch logged.
                        String body = response.body();
                        int at = body.indexOf("\"accepted\":") + "\"accepted\":".length();
                        int end = at;
                        while (end < body.length() && Character.isDigit(body.charAt(end))) {
                            end++;
                        }
                        accepted.addAndGet(Long.parseLong(body.substring(at, end)));
                    } catch (Exception e) {
                        failedRequests.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("batch endpoint: %d events in %d requests of up to %d, %d connections: %.1f s, "
                        + "%.1f events/s accepted, %d failed requests%n",
                lines.size(), bodies.size(), size, connections, seconds, accepted.get() / seconds, failedRequests.get());
    }
}
