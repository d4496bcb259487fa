import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gateway decisions over HTTP, as recorded in docs/benchmarks.md: seeds a 250-column dataset with 60
 * classified columns through the public API, then asks for the decisions of the whole table, first
 * to warm up, then measured with one client and with four. Run by bench/gateway-load.sh with a
 * running service's URL and admin key:
 *
 * <pre>java bench/GatewayDecisionsLoad.java http://127.0.0.1:18080 ADMIN_KEY</pre>
 */
public final class GatewayDecisionsLoad {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String NAMESPACE = "postgres://bench-db:5432";
    private static final int COLUMNS = 250;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String admin = args[1];
        String producer = key(base, admin, "bench producer", "\"PRODUCER\", \"STEWARD\"");
        String gateway = key(base, admin, "bench gateway", "\"GATEWAY\"");
        StringBuilder fields = new StringBuilder();
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < COLUMNS; i++) {
            String type = switch (i % 5) {
                case 0 -> "varchar(200)";
                case 1 -> "bigint";
                case 2 -> "date";
                case 3 -> "text";
                default -> "numeric(12,2)";
            };
            fields.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i).append("\",\"type\":\"").append(type).append("\"}");
            columns.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i).append("\",\"type\":\"").append(type).append("\"}");
        }
        String event = "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-01T00:00:00Z\",\"producer\":\"https://example.com/bench\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + "\"run\":{\"runId\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\"},\"job\":{\"namespace\":\"bench\",\"name\":\"load\"},"
                + "\"inputs\":[],\"outputs\":[{\"namespace\":\"" + NAMESPACE + "\",\"name\":\"crm.shop.wide\",\"facets\":{\"schema\":{"
                + "\"_producer\":\"https://example.com/bench\",\"_schemaURL\":\"https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json\","
                + "\"fields\":[" + fields + "]}}}]}";
        expect(send(base + "/api/v1/lineage", producer, "POST", event), 201);
        Thread.sleep(2000);
        String[] types = {"EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON_NAME", "IP_ADDRESS", "DATE_OF_BIRTH", "IBAN"};
        for (int i = 0; i < COLUMNS; i += 4) {
            if (i / 4 >= 60) {
                break;
            }
            String type = (i % 5 == 0 || i % 5 == 3) ? types[(i / 4) % 6] : "DATE_OF_BIRTH";
            expect(send(base + "/api/v1/namespaces/" + NAMESPACE.replace(":", "%3A").replace("/", "%2F")
                    + "/datasets/crm.shop.wide/fields/c" + i + "/classifications/" + type, producer, "PUT",
                    "{\"note\":\"bench\"}"), 200);
        }
        String request = "{\"principal\":\"alice\",\"roles\":[\"analyst\",\"support\"],\"groups\":[\"emea\"],"
                + "\"dialect\":\"trino\",\"defaultNamespace\":\"" + NAMESPACE + "\",\"defaultDatabase\":\"crm\","
                + "\"tables\":[{\"name\":\"shop.wide\",\"columns\":[" + columns + "]}]}";
        HttpResponse<String> first = send(base + "/api/v1/gateway/decisions", gateway, "POST", request);
        expect(first, 200);
        System.out.println("response bytes: " + first.body().length() + ", masked columns: "
                + (first.body().split("\"masked\":true", -1).length - 1));
        run(base, gateway, request, 1, 3000, false);
        run(base, gateway, request, 1, 5000, true);
        run(base, gateway, request, 4, 8000, true);
    }

    private static void run(String base, String key, String request, int clients, int calls, boolean report)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] nanos = new long[calls];
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                for (int i = client; i < calls; i += clients) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = send(base + "/api/v1/gateway/decisions", key, "POST", request);
                    nanos[i] = System.nanoTime() - t0;
                    expect(response, 200);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (!report) {
            return;
        }
        Arrays.sort(nanos);
        System.out.printf("clients=%d calls=%d  %.0f calls/s  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                clients, calls, calls / seconds, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
                nanos[calls - 1] / 1e6);
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String key(String base, String admin, String name, String roles) throws Exception {
        HttpResponse<String> response = send(base + "/api/v1/admin/api-keys", admin, "POST",
                "{\"name\":\"" + name + "\",\"roles\":[" + roles + "]}");
        expect(response, 201);
        return response.body().replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> send(String url, String key, String method, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }
}
