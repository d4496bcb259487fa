package io.custodian.masking.keys;

import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.prf.PrfSet;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment's masking keys: for each configured purpose, a Tink keyset of each {@link KeyKind},
 * stored in {@code masking_keyset} encrypted under the {@link KeyEncryptionKey}, and held in memory
 * as ready primitives.
 *
 * <p>{@link #start()} opens the stored keysets (failing, naming the KEK id they need, when the
 * configured KEK cannot) and creates those missing. {@link #rotate} adds a new primary key and keeps
 * the old ones, so everything made earlier still opens. {@link #rewrap} re-encrypts every stored
 * keyset under a new KEK in one transaction.
 *
 * <p>Keys are read at start, rotation and refresh: another instance's rotation is seen here after
 * {@link #refresh()} or {@link #refresh(String)} (the token service refreshes a purpose by itself
 * when a token names a key it has not loaded).
 */
public final class Keyring {
    private static final Logger LOG = LoggerFactory.getLogger(Keyring.class);
    /** The PRF input a purpose's SQL hash salt is derived from; changing it changes every salt. */
    private static final byte[] HASH_SALT_LABEL = "custodian/masking/sql-hash-salt/v1".getBytes(StandardCharsets.US_ASCII);
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final Set<String> purposes;
    private final Clock clock;
    private final KeysetStore store = new KeysetStore();
    private volatile KeyEncryptionKey kek;
    private volatile Map<String, PurposeKeys> keys = Map.of();

    /**
     * @param jdbi     the catalog database, migrated (it holds {@code masking_keyset})
     * @param kek      the key-encryption key the stored keysets are (or will be) encrypted under
     * @param purposes the purposes to hold keys for; names as {@link Purposes} allows
     * @param clock    for the created, rotated and rewrapped times
     */
    public Keyring(Jdbi jdbi, KeyEncryptionKey kek, Collection<String> purposes, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.kek = requireNonNull(kek, "kek is null");
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(purposes, "purposes is null");
        Set<String> names = new TreeSet<>();
        for (String purpose : purposes) {
            names.add(Purposes.requireValid(purpose));
        }
        this.purposes = Set.copyOf(names);
    }

    /**
     * Opens every stored keyset with the KEK, then creates the keysets the configured purposes lack.
     *
     * @throws KekMismatchException when the KEK cannot open a stored keyset (nothing is created then)
     */
    public synchronized Keyring start() {
        Map<String, StoredKeyset> stored = new HashMap<>();
        Map<String, KeysetHandle> opened = new HashMap<>();
        for (StoredKeyset row : jdbi.withHandle(handle -> store.all(handle, false))) {
            stored.put(key(row.purpose(), row.kind()), row);
            opened.put(key(row.purpose(), row.kind()), open(row, kek));
        }
        Map<String, PurposeKeys> loaded = new HashMap<>();
        for (String purpose : purposes) {
            Map<KeyKind, KeysetHandle> handles = new EnumMap<>(KeyKind.class);
            for (KeyKind kind : KeyKind.values()) {
                KeysetHandle handle = opened.get(key(purpose, kind));
                handles.put(kind, handle != null ? handle : create(purpose, kind));
            }
            loaded.put(purpose, primitives(purpose, handles));
        }
        keys = Map.copyOf(loaded);
        LOG.info("Masking keys ready for {} purpose(s) under key-encryption key {}", purposes.size(), kek.id());
        return this;
    }

    /**
     * Re-reads one purpose's keysets, e.g. after another instance rotated one, and returns the keys
     * now in use.
     */
    public synchronized PurposeKeys refresh(String purpose) {
        keys(purpose);
        reload(purpose);
        return keys(purpose);
    }

    /** Re-reads every configured purpose's keysets, e.g. after another instance rotated one. */
    public synchronized void refresh() {
        Map<String, PurposeKeys> loaded = new HashMap<>();
        for (String purpose : purposes) {
            loaded.put(purpose, load(purpose));
        }
        keys = Map.copyOf(loaded);
    }

    /** The configured purposes. */
    public Set<String> purposes() {
        return purposes;
    }

    /** The id of the KEK in use (the new one after a {@link #rewrap}). */
    public String kekId() {
        return kek.id();
    }

    /**
     * The purpose's primitives.
     *
     * @throws UnknownPurposeException when the purpose is not configured
     * @throws IllegalStateException   before {@link #start()}
     */
    public PurposeKeys keys(String purpose) {
        PurposeKeys found = purpose == null ? null : keys.get(purpose);
        if (found == null) {
            if (keys.isEmpty() && !purposes.isEmpty()) {
                throw new IllegalStateException("the keyring is not started");
            }
            throw new UnknownPurposeException(purpose);
        }
        return found;
    }

    /**
     * A per-purpose secret salt for keyed hashing in SQL: the purpose's PRF of a fixed label, 32
     * bytes. It changes when the purpose's pseudonymization key is rotated.
     */
    public byte[] hashSalt(String purpose) {
        try {
            return keys(purpose).pseudonymize(HASH_SALT_LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the hash salt of purpose '" + purpose + "'", e);
        }
    }

    /**
     * Adds a new primary key to the purpose's keyset of this kind; the earlier keys stay, so tokens
     * and ciphertexts made with them still open. New tokens differ from the old ones for the same value.
     */
    public synchronized void rotate(String purpose, KeyKind kind) {
        requireNonNull(kind, "kind is null");
        keys(purpose);
        jdbi.useTransaction(handle -> {
            // Rotating what is stored (locked), not what is cached, keeps another instance's rotation.
            StoredKeyset row = store.find(handle, purpose, kind, true).orElseThrow(() -> new IllegalStateException(
                    "the masking keyset of purpose '" + purpose + "' (" + kind.label() + ") is no longer stored"));
            KeysetHandle current = open(row, kek);
            try {
                KeysetHandle rotated = KeysetHandle.newBuilder(current)
                        .setConfiguration(kind.configuration())
                        .addEntry(KeysetHandle.generateEntryFromParameters(kind.parameters()).withRandomId().makePrimary())
                        .build();
                store.update(handle, row.rotated(KeysetSealer.seal(rotated, kek, purpose, kind), clock.instant()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot rotate the " + kind.label() + " key of purpose '" + purpose + "'", e);
            }
        });
        reload(purpose);
        LOG.info("Rotated the {} key of purpose {}", kind.label(), purpose);
    }

    /**
     * Re-encrypts every stored keyset (of every purpose, configured here or not) under
     * {@code newKek}, in one transaction, and uses {@code newKek} from then on. Afterwards the old
     * KEK opens nothing in the store.
     *
     * @return how many keysets were re-encrypted
     */
    public synchronized int rewrap(KeyEncryptionKey newKek) {
        requireNonNull(newKek, "newKek is null");
        KeyEncryptionKey oldKek = kek;
        Instant now = clock.instant();
        int count = jdbi.inTransaction(handle -> {
            List<StoredKeyset> rows = store.all(handle, true);
            for (StoredKeyset row : rows) {
                KeysetHandle keyset = open(row, oldKek);
                try {
                    String sealed = KeysetSealer.seal(keyset, newKek, row.purpose(), row.kind());
                    store.update(handle, row.rewrapped(sealed, newKek.id(), now));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot re-encrypt the " + row.kind().label()
                            + " keyset of purpose '" + row.purpose() + "'", e);
                }
            }
            return rows.size();
        });
        kek = newKek;
        LOG.info("Re-encrypted {} masking keyset(s) from key-encryption key {} to {}", count, oldKek.id(), newKek.id());
        return count;
    }

    /** The keyset itself, for tests in this package that check what is and is not stored. */
    KeysetHandle keysetForTest(String purpose, KeyKind kind) {
        return open(jdbi.withHandle(handle -> store.find(handle, purpose, kind, false)).orElseThrow(), kek);
    }

    private void reload(String purpose) {
        Map<String, PurposeKeys> updated = new HashMap<>(keys);
        updated.put(purpose, load(purpose));
        keys = Map.copyOf(updated);
    }

    private PurposeKeys load(String purpose) {
        Map<KeyKind, KeysetHandle> handles = new EnumMap<>(KeyKind.class);
        jdbi.useHandle(handle -> {
            for (KeyKind kind : KeyKind.values()) {
                StoredKeyset row = store.find(handle, purpose, kind, false).orElseThrow(() -> new IllegalStateException(
                        "the masking keyset of purpose '" + purpose + "' (" + kind.label() + ") is no longer stored"));
                handles.put(kind, open(row, kek));
            }
        });
        return primitives(purpose, handles);
    }

    /** Creates and stores a keyset; when another instance stored one first, uses that one. */
    private KeysetHandle create(String purpose, KeyKind kind) {
        KeysetHandle keyset;
        StoredKeyset row;
        try {
            keyset = KeysetHandle.generateNew(kind.parameters(), kind.configuration());
            Instant now = clock.instant();
            row = new StoredKeyset(purpose, kind, KeysetSealer.seal(keyset, kek, purpose, kind), kek.id(), now, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the " + kind.label() + " keyset of purpose '" + purpose + "'", e);
        }
        try {
            jdbi.useTransaction(handle -> store.insert(handle, row));
            LOG.info("Created the {} keyset of purpose {}", kind.label(), purpose);
            return keyset;
        } catch (UnableToExecuteStatementException e) {
            if (!(e.getCause() instanceof SQLException sql) || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw e;
            }
            Optional<StoredKeyset> winner = jdbi.withHandle(handle -> store.find(handle, purpose, kind, false));
            return open(winner.orElseThrow(() -> e), kek);
        }
    }

    private static KeysetHandle open(StoredKeyset row, KeyEncryptionKey kek) {
        try {
            return KeysetSealer.open(row.encryptedKeyset(), kek, row.purpose(), row.kind());
        } catch (GeneralSecurityException | RuntimeException e) {
            // The cause is not kept: it says nothing useful beyond "does not open".
            throw new KekMismatchException(row.kekId(), kek.id(), row.purpose(), row.kind());
        }
    }

    private static PurposeKeys primitives(String purpose, Map<KeyKind, KeysetHandle> handles) {
        try {
            return new PurposeKeys(purpose,
                    primitive(handles, KeyKind.TOKENIZE, DeterministicAead.class),
                    primitive(handles, KeyKind.ENCRYPT, Aead.class),
                    primitive(handles, KeyKind.PSEUDONYMIZE, PrfSet.class),
                    keyIds(handles.get(KeyKind.TOKENIZE)), keyIds(handles.get(KeyKind.ENCRYPT)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored keysets of purpose '" + purpose
                    + "' do not hold the expected key types", e);
        }
    }

    private static <P> P primitive(Map<KeyKind, KeysetHandle> handles, KeyKind kind, Class<P> type)
            throws GeneralSecurityException {
        return handles.get(kind).getPrimitive(kind.configuration(), type);
    }

    private static Set<Integer> keyIds(KeysetHandle handle) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < handle.size(); i++) {
            ids.add(handle.getAt(i).getId());
        }
        return ids;
    }

    private static String key(String purpose, KeyKind kind) {
        return purpose + "/" + kind.label();
    }
}
