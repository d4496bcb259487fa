package io.custodian.server.access;

import io.custodian.access.keys.ApiKeys;
import io.custodian.server.store.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets up the first admin key, so that an operator can create the others. */
public final class BootstrapAdminKey {
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);
    static final String FILE_NAME = "admin-api-key";

    private BootstrapAdminKey() {}

    /** Uses the configured key, else the one kept in the data directory, else a new one written there. */
    public static void ensure(ApiKeys keys, String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            keys.ensureBootstrap(configured.strip());
            return;
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                DataDirectory.writePrivate(file, ("cst_" + ApiKeys.BOOTSTRAP_PREFIX + "_"
                        + HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.UTF_8));
                log.info("no CUSTODIAN_ADMIN_API_KEY set: wrote a bootstrap admin key to {}", file.toAbsolutePath());
            }
            keys.ensureBootstrap(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the bootstrap admin key in " + file, e);
        }
    }
}
