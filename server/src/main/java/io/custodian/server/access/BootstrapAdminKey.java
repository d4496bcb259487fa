package io.custodian.server.access;

import io.custodian.access.Actor;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditRecord;
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
    /** Who the audit log says set up the key: the service, from its environment or data folder. */
    private static final Actor ENVIRONMENT = Actor.service("environment");

    private BootstrapAdminKey() {}

    /** Uses the configured key, else the one kept in the data directory, else a new one written there. */
    public static void ensure(ApiKeys keys, String configured, Path dataDir, AuditLog audit) {
        if (configured != null && !configured.isBlank()) {
            record(keys.ensureBootstrap(configured.strip()), "CUSTODIAN_ADMIN_API_KEY", audit);
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
            record(keys.ensureBootstrap(Files.readString(file, StandardCharsets.UTF_8).strip()), file.getFileName().toString(),
                    audit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the bootstrap admin key in " + file, e);
        }
    }

    /** Every change to who holds the bootstrap key is audited; a revoked key configured again is said loudly. */
    private static void record(ApiKeys.BootstrapOutcome outcome, String from, AuditLog audit) {
        switch (outcome) {
            case UNCHANGED -> { }
            case STILL_REVOKED -> {
                log.warn("the configured bootstrap admin key ({}) was revoked and stays revoked; configure another"
                        + " one to get an admin key", from);
                audit.append(new AuditRecord(ENVIRONMENT, "api-key.bootstrap", "bootstrap", "refused", null, null,
                        "the configured key was revoked earlier and stays revoked"));
            }
            default -> audit.append(new AuditRecord(ENVIRONMENT, "api-key.bootstrap", "bootstrap", "success", null,
                    null, outcome == ApiKeys.BootstrapOutcome.CREATED ? "created from " + from
                            : "replaced by another key from " + from));
        }
    }
}
