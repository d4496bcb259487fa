package io.custodian.masking.keys;

import static java.util.Objects.requireNonNull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption key (KEK): a Tink AEAD keyset of AES-256-GCM keys, given as Tink's cleartext
 * JSON keyset format, that encrypts every stored masking keyset. It is configured, never stored
 * next to what it protects.
 *
 * <p>Its {@link #id() id} is a fingerprint (16 hex digits of a SHA-256 over a fixed label, the key
 * ids and the key bytes): it tells which KEK a keyset needs without revealing the key.
 */
public final class KeyEncryptionKey {
    private static final Logger LOG = LoggerFactory.getLogger(KeyEncryptionKey.class);
    /** A KEK keyset of a few keys is well under 1 KiB; anything this big is not one. */
    static final int MAX_JSON_BYTES = 64 * 1024;
    private static final int KEY_BYTES = 32;
    private static final byte[] ID_LABEL = "custodian/masking/kek-id/v1".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Aead aead;
    private final String id;

    private KeyEncryptionKey(Aead aead, String id) {
        this.aead = aead;
        this.id = id;
    }

    /** A KEK from Tink's cleartext JSON keyset format, e.g. an environment variable's value. */
    public static KeyEncryptionKey fromJson(String json) {
        requireNonNull(json, "json is null");
        if (json.length() > MAX_JSON_BYTES) {
            throw new KeyEncryptionKeyException("the key-encryption key is too large to be a Tink keyset");
        }
        KeysetHandle handle;
        try {
            handle = TinkJsonProtoKeysetFormat.parseKeyset(json, AeadConfig2026.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // Tink's parse errors can quote the input: neither the message nor the cause goes on.
            throw new KeyEncryptionKeyException("the key-encryption key is not a Tink JSON keyset");
        }
        return fromHandle(handle);
    }

    /**
     * A KEK from a file holding the cleartext JSON keyset. On a POSIX file system the file must be
     * readable and writable by its owner only (mode 0600 or 0400).
     */
    public static KeyEncryptionKey fromFile(Path path) {
        requireNonNull(path, "path is null");
        requireOwnerOnly(path);
        try {
            if (Files.size(path) > MAX_JSON_BYTES) {
                throw new KeyEncryptionKeyException("the key-encryption key file " + path
                        + " is too large to be a Tink keyset");
            }
            return fromJson(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new KeyEncryptionKeyException("the key-encryption key file " + path + " does not exist");
        } catch (IOException e) {
            throw new KeyEncryptionKeyException("cannot read the key-encryption key file " + path + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * A KEK for development: read from {@code path} if it exists, otherwise generated and written
     * there, created owner-only (0600) in one step. Logs a warning: such a key sits unprotected
     * next to the service and must not be used in production.
     */
    public static KeyEncryptionKey developmentKek(Path path) {
        requireNonNull(path, "path is null");
        boolean generated = false;
        if (!Files.exists(path)) {
            generated = writeNew(path.toAbsolutePath(), generateJson());
        }
        KeyEncryptionKey kek = fromFile(path);
        LOG.warn("""

                ************************************************************************
                Using a development key-encryption key ({}, id {}, {}).
                It lies unprotected next to the service: do not use it in production.
                Configure masking.keys.kekFile or masking.keys.kekEnv instead.
                ************************************************************************""",
                path, kek.id(), generated ? "generated now" : "generated earlier");
        return kek;
    }

    /** A new random KEK as cleartext JSON, for provisioning; keep it secret. */
    public static String generateJson() {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get());
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, AeadConfig2026.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a key-encryption key: " + e.getMessage(), e);
        }
    }

    /** The fingerprint that names this KEK in stored rows and messages; reveals nothing of the key. */
    public String id() {
        return id;
    }

    /** The AEAD that seals keysets. */
    Aead aead() {
        return aead;
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }

    private static KeyEncryptionKey fromHandle(KeysetHandle handle) {
        List<KeysetHandle.Entry> entries = IntStream.range(0, handle.size()).mapToObj(handle::getAt)
                .sorted(Comparator.comparingInt(KeysetHandle.Entry::getId)).toList();
        MessageDigest digest = sha256();
        digest.update(ID_LABEL);
        for (KeysetHandle.Entry entry : entries) {
            if (!(entry.getKey() instanceof AesGcmKey key) || key.getParameters().getKeySizeBytes() != KEY_BYTES) {
                throw new KeyEncryptionKeyException("the key-encryption key must hold AES-256-GCM keys only (key id "
                        + Integer.toUnsignedString(entry.getId()) + " is not one)");
            }
            digest.update(ByteBuffer.allocate(4).putInt(entry.getId()).array());
            digest.update(key.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get()));
        }
        String id = HexFormat.of().formatHex(digest.digest(), 0, 8);
        try {
            return new KeyEncryptionKey(handle.getPrimitive(AeadConfig2026.get(), Aead.class), id);
        } catch (GeneralSecurityException e) {
            throw new KeyEncryptionKeyException("the key-encryption key cannot be used as an AEAD", e);
        }
    }

    private static void requireOwnerOnly(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: its access control is not ours to read
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (NoSuchFileException e) {
            throw new KeyEncryptionKeyException("the key-encryption key file " + path + " does not exist");
        } catch (IOException e) {
            throw new KeyEncryptionKeyException("cannot read the permissions of the key-encryption key file " + path, e);
        }
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new KeyEncryptionKeyException("the key-encryption key file " + path + " has mode "
                    + PosixFilePermissions.toString(permissions)
                    + ": others than its owner may use it; make it owner-only (chmod 600 or 400)");
        }
    }

    /** Writes a new KEK file with mode 0600 from the start; false when another process wrote one first. */
    private static boolean writeNew(Path path, String json) {
        Path dir = path.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(dir);
            boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            temporary = Files.createTempFile(dir, ".kek-", ".tmp", attributes);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            // A hard link publishes the complete file under its name, and fails if one is there.
            try {
                Files.createLink(path, temporary);
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
                temporary = null;
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new KeyEncryptionKeyException("cannot write the development key-encryption key " + path + ": "
                    + e.getClass().getSimpleName(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a leftover temporary file is owner-only, like the key
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
