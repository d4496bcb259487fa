package io.custodian.bench.scanner;

import io.custodian.scanner.policy.ScannerPolicies;
import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnSample;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.detect.PaymentCards;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Classifier throughput in sampled values per second on one thread. {@code structured}: a mixed
 * batch of 20 columns of 1,000 values each (emails, international phone numbers, IPv4, card numbers,
 * IBANs, UUIDs, integer keys, order dates, names, statuses, amounts, SKUs...), named as schemas name
 * them, half under opaque names. {@code freeText}: 4 columns of 1,000 sentences, some holding an
 * email or a phone number. {@code phoneColumn}: one column of 1,000 international phone numbers,
 * the costliest structured type. Each operation is one value, so the score reads as values/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBenchmark {
    static final int VALUES = 1000;
    static final int STRUCTURED_COLUMNS = 20;
    static final int TEXT_COLUMNS = 4;

    private PiiColumnClassifier classifier;
    private List<ColumnSample> structured;
    private List<ColumnSample> freeText;
    private ColumnSample phones;

    @Setup
    public void setUp() {
        classifier = new PiiColumnClassifier(ScannerPolicies.defaults());
        Random random = new Random(42);
        List<String> first = List.of("Ana", "John", "Marie", "Jan", "Luca", "Eva", "Pedro", "Sofia", "Hans", "Giulia");
        List<String> last = List.of("Garcia", "Smith", "Curie", "de Vries", "Rossi", "Muller", "Silva", "Dubois");
        structured = List.of(
                column("customers", "email", () -> "user" + random.nextInt(1_000_000) + "@example" + random.nextInt(50) + ".com"),
                column("t", "c2", () -> "person." + random.nextInt(100_000) + "@mail.example.org"),
                column("contacts", "mobile_phone", () -> "+49 151 " + (10_000_000 + random.nextInt(90_000_000))),
                column("events", "client_ip", () -> (1 + random.nextInt(223)) + "." + random.nextInt(256) + "."
                        + random.nextInt(256) + "." + random.nextInt(256)),
                column("t", "c3", () -> (1 + random.nextInt(223)) + "." + random.nextInt(256) + "."
                        + random.nextInt(256) + "." + random.nextInt(256)),
                column("payments", "card_number", () -> card(random)),
                column("t", "c4", () -> card(random)),
                column("payments", "iban", () -> iban(random)),
                column("requests", "request_id", () -> new UUID(random.nextLong(), random.nextLong()).toString()),
                column("orders", "customer_id", () -> String.valueOf(1000 + random.nextInt(9_000_000))),
                column("orders", "id", () -> String.valueOf(random.nextInt(9_000_000))),
                column("orders", "order_date", () -> LocalDate.of(2026, 1, 1).minusDays(random.nextInt(1000)).toString()),
                column("customers", "full_name", () -> first.get(random.nextInt(first.size())) + " "
                        + last.get(random.nextInt(last.size()))),
                column("orders", "status", () -> List.of("NEW", "PAID", "SHIPPED", "CANCELLED").get(random.nextInt(4))),
                column("orders", "amount", () -> random.nextInt(100_000) / 100.0 + ""),
                column("products", "sku", () -> "SKU-" + random.nextInt(100_000) + "-AB"),
                column("orders", "order_number", () -> String.format("%03d-%03d-%04d", 200 + random.nextInt(700),
                        200 + random.nextInt(700), random.nextInt(10_000))),
                column("files", "checksum", () -> Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())),
                column("deployments", "version", () -> random.nextInt(3) + "." + random.nextInt(20) + "." + random.nextInt(9)),
                column("users", "email_verified", () -> random.nextBoolean() ? "true" : "false"));
        freeText = List.of(
                column("tickets", "body", () -> random.nextInt(5) == 0
                        ? "Please reach me at someone" + random.nextInt(1000) + "@example.org about my refund, thank you."
                        : "The parcel arrived late and the box was damaged on one side, please advise on next steps."),
                column("tickets", "notes", () -> random.nextInt(5) == 0
                        ? "Customer asked for a call back on +49 151 " + (10_000_000 + random.nextInt(90_000_000))
                        : "Customer asked about delivery times for the order placed last week in the shop."),
                column("reviews", "comment", () -> "Great product, arrived on time and works as described, five stars."),
                column("logs", "message", () -> "Request " + random.nextInt(100_000) + " completed in "
                        + random.nextInt(900) + " ms with status 200 and no retries."));
        phones = column("contacts", "telefono", () -> List.of("+49 151 ", "+34 612 ", "+33 6 12 ", "+44 7911 ")
                .get(random.nextInt(4)) + (100_000 + random.nextInt(900_000)));
        if (structured.size() != STRUCTURED_COLUMNS || freeText.size() != TEXT_COLUMNS) {
            throw new IllegalStateException("column counts out of step with @OperationsPerInvocation");
        }
    }

    @Benchmark
    @OperationsPerInvocation(STRUCTURED_COLUMNS * VALUES)
    public void structured(Blackhole blackhole) {
        for (ColumnSample column : structured) {
            List<ColumnClassification> found = classifier.classify(column);
            blackhole.consume(found);
        }
    }

    @Benchmark
    @OperationsPerInvocation(TEXT_COLUMNS * VALUES)
    public void freeText(Blackhole blackhole) {
        for (ColumnSample column : freeText) {
            blackhole.consume(classifier.classify(column));
        }
    }

    /** One column of phone numbers alone: the numbering-plan lookups that bound the structured figure. */
    @Benchmark
    @OperationsPerInvocation(VALUES)
    public Object phoneColumn() {
        return classifier.classify(phones);
    }

    private static ColumnSample column(String table, String name, Supplier<String> value) {
        List<String> values = new ArrayList<>(VALUES);
        for (int i = 0; i < VALUES; i++) {
            values.add(value.get());
        }
        return new ColumnSample(table, name, Optional.empty(), Optional.empty(), values);
    }

    private static String card(Random random) {
        StringBuilder b = new StringBuilder("4");
        for (int i = 0; i < 14; i++) {
            b.append(random.nextInt(10));
        }
        for (int d = 0; d < 10; d++) {
            if (PaymentCards.luhn(b.toString() + d)) {
                return b.toString() + d;
            }
        }
        throw new IllegalStateException();
    }

    private static String iban(Random random) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(random.nextInt(10));
        }
        // DE: the check digits make (BBAN + "DE00" as digits) mod 97 == 1.
        BigInteger n = new BigInteger(bban + "131400");
        int check = 98 - n.mod(BigInteger.valueOf(97)).intValue();
        return "DE" + String.format("%02d", check) + bban;
    }
}
