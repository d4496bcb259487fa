package io.custodian.access.keys;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.access.keys.ApiKeyDao.KeyRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, checks and revokes API keys.
 *
 * <p>A key reads {@code cst_<prefix>_<secret>}: the prefix (8 hex characters) identifies it in
 * listings and logs; the secret (192 random bits) is shown once and stored only as
 * SHA-256(salt, secret). A fast hash is enough here: the secret is random and long, so there
 * is no dictionary to search. Successful checks are remembered for a short time so that each
 * request does not cost a query; revoking a key forgets it at once.
 */
public final class ApiKeys {
    private static final String SCHEME = "cst_";
    private static final Duration REMEMBER = Duration.ofSeconds(30);
    /** The prefix of the key read from the environment at start. */
    public static final String BOOTSTRAP_PREFIX = "bootstrap";

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public ApiKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A verified key, remembered by the stored key's id (not by what the caller presented). */
    private record Remembered(Caller caller, UUID keyId, Instant until) {}

    /** What {@link #ensureBootstrap} did with the configured key. */
    public enum BootstrapOutcome {
        /** No bootstrap key existed: this one is valid now. */
        CREATED,
        /** The same key was already valid. */
        UNCHANGED,
        /** Another bootstrap key existed (valid or revoked): this one replaces it. */
        REPLACED,
        /** This very key was revoked: it stays revoked, and does not let anyone in. */
        STILL_REVOKED
    }

    /** Creates a key with the given roles; the result holds the secret, which is not kept. */
    public IssuedKey create(String name, Set<Role> roles, String createdBy) {
        requireNonNull(name, "name is null");
        if (name.isBlank() || name.length() > 256) {
            throw new IllegalArgumentException("a key's name has 1 to 256 characters");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one role");
        }
        String prefix = hex(4);
        String secret = SCHEME + prefix + "_" + hex(24);
        return new IssuedKey(store(prefix, name, roles, secret, createdBy), secret);
    }

    /**
     * Makes {@code secret} a valid ADMIN key under the bootstrap prefix, replacing any earlier
     * bootstrap key: how an operator gets in on a fresh store, and rotates that key by configuring
     * another. A key that was revoked stays revoked when it is configured again: revoking it is how
     * an operator shuts it out, and a restart must not undo that.
     */
    public BootstrapOutcome ensureBootstrap(String secret) {
        requireNonNull(secret, "secret is null");
        if (secret.length() < 24) {
            throw new IllegalArgumentException("the bootstrap admin key must have at least 24 characters");
        }
        BootstrapOutcome outcome = jdbi.inTransaction(handle -> {
            ApiKeyDao dao = handle.attach(ApiKeyDao.class);
            Optional<KeyRow> existing = dao.byPrefix(BOOTSTRAP_PREFIX);
            if (existing.isPresent() && matches(existing.get(), secret)) {
                return existing.get().revokedAt() == null ? BootstrapOutcome.UNCHANGED : BootstrapOutcome.STILL_REVOKED;
            }
            handle.execute("DELETE FROM api_key WHERE prefix = ?", BOOTSTRAP_PREFIX);
            String salt = hex(16);
            dao.insert(new KeyRow(UUID.randomUUID(), BOOTSTRAP_PREFIX, "bootstrap admin", Role.ADMIN.name(), salt,
                    hash(salt, secret), clock.instant(), "environment", null, null));
            return existing.isPresent() ? BootstrapOutcome.REPLACED : BootstrapOutcome.CREATED;
        });
        remembered.clear();
        return outcome;
    }

    /** The caller a presented secret belongs to, if it is a valid, unrevoked key. */
    public Optional<Caller> authenticate(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 256) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String digest = hash("", presented);
        Remembered known = remembered.get(digest);
        if (known != null && known.until().isAfter(now)) {
            return Optional.of(known.caller());
        }
        String prefix = prefixOf(presented);
        Optional<KeyRow> row = jdbi.withExtension(ApiKeyDao.class, dao -> dao.byPrefix(prefix)
                // An operator's bootstrap key may have any shape, cst_-like ones included.
                .or(() -> dao.byPrefix(BOOTSTRAP_PREFIX)));
        if (row.isEmpty() || row.get().revokedAt() != null || !matches(row.get(), presented)) {
            remembered.remove(digest);
            // The prefix only, and only when it has the shape of one: never what was presented.
            log.debug("refused an API key (prefix {})", prefix.matches("[0-9a-f]{8}") ? prefix : "unrecognized");
            return Optional.empty();
        }
        Caller caller = new Caller(Actor.apiKey(row.get().name(), row.get().prefix()),
                Role.parseAll(row.get().roles()));
        remembered.put(digest, new Remembered(caller, row.get().id(), now.plus(REMEMBER)));
        return Optional.of(caller);
    }

    public List<ApiKey> list() {
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.all().stream().map(ApiKeys::view).toList());
    }

    public Optional<ApiKey> get(UUID id) {
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.byId(id).map(ApiKeys::view));
    }

    /** Revokes a key; returns false if there is no such key or it was already revoked. */
    public boolean revoke(UUID id, String revokedBy) {
        int changed = jdbi.withExtension(ApiKeyDao.class, dao -> dao.revoke(id, clock.instant(), revokedBy));
        remembered.values().removeIf(k -> k.keyId().equals(id));
        return changed == 1;
    }

    private ApiKey store(String prefix, String name, Set<Role> roles, String secret, String createdBy) {
        String salt = hex(16);
        KeyRow row = new KeyRow(UUID.randomUUID(), prefix, name, Role.joinAll(roles), salt, hash(salt, secret),
                clock.instant(), createdBy, null, null);
        jdbi.useExtension(ApiKeyDao.class, dao -> dao.insert(row));
        return view(row);
    }

    private static String prefixOf(String presented) {
        if (presented.startsWith(SCHEME)) {
            int end = presented.indexOf('_', SCHEME.length());
            if (end > SCHEME.length()) {
                return presented.substring(SCHEME.length(), end);
            }
        }
        return BOOTSTRAP_PREFIX;
    }

    private static boolean matches(KeyRow row, String presented) {
        byte[] expected = row.keyHash().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(row.salt(), presented).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    private static ApiKey view(KeyRow row) {
        return new ApiKey(row.id(), row.prefix(), row.name(), Role.parseAll(row.roles()), row.createdAt(),
                row.createdBy(), row.revokedAt(), row.revokedBy());
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String hash(String salt, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
