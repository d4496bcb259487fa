package io.custodian.bench.tokens;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.daead.DeterministicAeadConfig2026;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.tokens.TokenLimits;
import io.custodian.masking.tokens.TokenService;
import io.custodian.masking.tokens.ValueTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tokenization of 16-byte values on one thread, in values per second: raw Tink
 * ({@code DeterministicAead.encryptDeterministically} on bytes, AES-SIV as the keyring uses) against
 * the token service, both its per-value path for masking strategies ({@code serviceValue}: text in,
 * {@code tk1_} text out) and its audited batch API ({@code serviceBatch}: 1,000 values per call, the
 * audit trail a no-op, so what is measured is the service's own cost). The service's keys come from
 * a real keyring on an H2 store. Target: the service at 0.8x raw or better.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenizationBenchmark {
    static final int VALUES = 1000;
    private static final String PURPOSE = "contact";

    private Path dir;
    private Connection keeper;
    private DeterministicAead raw;
    private byte[] associatedData;
    private ValueTokenizer tokenizer;
    private TokenService service;
    private String[] values;
    private byte[][] valueBytes;
    private List<String> batch;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("custodian-bench-tokens-");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        keeper = dataSource.getConnection();
        CatalogDatabase catalog = CatalogDatabase.migrate(dataSource);
        Keyring keyring = new Keyring(catalog.jdbi(), KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()),
                List.of(PURPOSE), Clock.systemUTC()).start();
        service = new TokenService(keyring, event -> { }, new TokenLimits(VALUES, 4096, 200));
        tokenizer = service.tokenizer(PURPOSE);

        raw = KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV, DeterministicAeadConfig2026.get())
                .getPrimitive(DeterministicAeadConfig2026.get(), DeterministicAead.class);
        associatedData = PURPOSE.getBytes(StandardCharsets.UTF_8);

        Random random = new Random(42);
        values = new String[VALUES];
        valueBytes = new byte[VALUES][];
        for (int i = 0; i < VALUES; i++) {
            StringBuilder value = new StringBuilder(16);
            for (int j = 0; j < 16; j++) {
                value.append((char) ('a' + random.nextInt(26)));
            }
            values[i] = value.toString();
            valueBytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        batch = Arrays.asList(values);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        keeper.close();
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == VALUES ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public byte[] raw() throws GeneralSecurityException {
        return raw.encryptDeterministically(valueBytes[nextIndex()], associatedData);
    }

    @Benchmark
    public String serviceValue() {
        return tokenizer.tokenize(values[nextIndex()]);
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void serviceBatch(Blackhole blackhole) {
        blackhole.consume(service.tokenize("bench", PURPOSE, batch));
    }
}
