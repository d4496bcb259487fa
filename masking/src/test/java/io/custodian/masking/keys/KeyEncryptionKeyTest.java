package io.custodian.masking.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig2026;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class KeyEncryptionKeyTest {
    @TempDir
    Path dir;

    @Test
    void theSameKeysetHasTheSameIdAndAnotherKeysetAnotherId() {
        String json = KeyEncryptionKey.generateJson();
        KeyEncryptionKey kek = KeyEncryptionKey.fromJson(json);

        assertThat(kek.id()).matches("[0-9a-f]{16}");
        assertThat(KeyEncryptionKey.fromJson(json).id()).isEqualTo(kek.id());
        assertThat(KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()).id()).isNotEqualTo(kek.id());
        assertThat(kek.toString()).contains(kek.id()).doesNotContain("value");
    }

    @Test
    void theIdRevealsNoKeyMaterial() throws Exception {
        String json = KeyEncryptionKey.generateJson();
        KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, AeadConfig2026.get(), InsecureSecretKeyAccess.get());
        byte[] key = ((AesGcmKey) handle.getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        String id = KeyEncryptionKey.fromJson(json).id();

        String keyHex = HexFormat.of().formatHex(key);
        for (int i = 0; i + 8 <= keyHex.length(); i += 2) {
            assertThat(id).doesNotContain(keyHex.substring(i, i + 8));
        }
        assertThat(id).isNotEqualTo(Integer.toHexString(handle.getPrimary().getId()));
    }

    @Test
    void malformedKeysAreRefusedWithoutRepeatingThem() {
        String secretLooking = "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": \"c2VjcmV0LWtleS1tYXRlcmlhbA\"}]}";
        for (String bad : List.of("", "not json", "{}", secretLooking, "\u0000\u0001\u0002", "[1,2,3]")) {
            assertThatThrownBy(() -> KeyEncryptionKey.fromJson(bad))
                    .isInstanceOf(KeyEncryptionKeyException.class)
                    .hasMessageContaining("not a Tink JSON keyset")
                    .hasNoCause()
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0"));
        }
        assertThatThrownBy(() -> KeyEncryptionKey.fromJson("x".repeat(KeyEncryptionKey.MAX_JSON_BYTES + 1)))
                .isInstanceOf(KeyEncryptionKeyException.class).hasMessageContaining("too large");
    }

    @Test
    void onlyAes256GcmKeysAreAccepted() throws Exception {
        String aes128 = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM, AeadConfig2026.get()),
                AeadConfig2026.get(), InsecureSecretKeyAccess.get());
        String siv = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV, DeterministicAeadConfig2026.get()),
                DeterministicAeadConfig2026.get(), InsecureSecretKeyAccess.get());

        assertThatThrownBy(() -> KeyEncryptionKey.fromJson(aes128))
                .isInstanceOf(KeyEncryptionKeyException.class).hasMessageContaining("AES-256-GCM");
        assertThatThrownBy(() -> KeyEncryptionKey.fromJson(siv)).isInstanceOf(KeyEncryptionKeyException.class);
    }

    @Test
    void aKeyFileIsReadWhenOnlyItsOwnerMayUseIt() throws Exception {
        String json = KeyEncryptionKey.generateJson();
        Path file = dir.resolve("kek.json");
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyEncryptionKey.fromFile(file).id()).isEqualTo(KeyEncryptionKey.fromJson(json).id());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(KeyEncryptionKey.fromFile(file).id()).isEqualTo(KeyEncryptionKey.fromJson(json).id());
    }

    @Test
    void aKeyFileOthersMayReadIsRefused() throws Exception {
        Path file = dir.resolve("kek.json");
        Files.writeString(file, KeyEncryptionKey.generateJson());
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw----r--", "rw--w----")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            assertThatThrownBy(() -> KeyEncryptionKey.fromFile(file))
                    .isInstanceOf(KeyEncryptionKeyException.class)
                    .hasMessageContaining(mode)
                    .hasMessageContaining("owner-only");
        }
    }

    @Test
    void aMissingOrOversizedKeyFileIsACleanError() throws Exception {
        assertThatThrownBy(() -> KeyEncryptionKey.fromFile(dir.resolve("absent.json")))
                .isInstanceOf(KeyEncryptionKeyException.class).hasMessageContaining("does not exist");

        Path big = dir.resolve("big.json");
        Files.write(big, new byte[KeyEncryptionKey.MAX_JSON_BYTES + 1]);
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> KeyEncryptionKey.fromFile(big))
                .isInstanceOf(KeyEncryptionKeyException.class).hasMessageContaining("too large");
    }

    @Test
    void theDevelopmentKeyIsCreatedOwnerOnlyOnceAndThenReused() throws Exception {
        Path file = dir.resolve("state").resolve("dev-kek.json");
        Logger logger = (Logger) LoggerFactory.getLogger(KeyEncryptionKey.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            KeyEncryptionKey first = KeyEncryptionKey.developmentKek(file);

            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(KeyEncryptionKey.fromFile(file).id()).isEqualTo(first.id());
            try (var files = Files.list(file.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("dev-kek.json");
            }
            byte[] written = Files.readAllBytes(file);

            KeyEncryptionKey second = KeyEncryptionKey.developmentKek(file);
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(Files.readAllBytes(file)).isEqualTo(written);

            List<ILoggingEvent> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0).getFormattedMessage())
                    .contains("development key-encryption key", "do not use it in production", first.id(), "generated now")
                    .doesNotContain(new String(written, StandardCharsets.UTF_8))
                    .doesNotContain(Base64.getEncoder().encodeToString(written).substring(0, 16));
            assertThat(warnings.get(1).getFormattedMessage()).contains("generated earlier");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aDevelopmentKeyOthersCanReadIsRefusedToo() throws Exception {
        Path file = dir.resolve("dev-kek.json");
        KeyEncryptionKey.developmentKek(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

        assertThatThrownBy(() -> KeyEncryptionKey.developmentKek(file))
                .isInstanceOf(KeyEncryptionKeyException.class).hasMessageContaining("owner-only");
    }
}
