package io.custodian.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory holds the store, the index and the admin key: only the service's user may enter it. */
class DataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void aNewDataDirectoryIsCreatedOwnerOnly() throws IOException {
        Path data = DataDirectory.prepare(temp.resolve("var").resolve("custodian"));

        assertThat(Files.isDirectory(data)).isTrue();
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(DataDirectory.OWNER_ONLY);
    }

    @Test
    void anExistingDataDirectoryOthersCouldEnterIsMadeOwnerOnly() throws IOException {
        Path data = Files.createDirectory(temp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(data.resolve("catalog.mv.db"), "kept");

        DataDirectory.prepare(data);

        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(DataDirectory.OWNER_ONLY);
        assertThat(Files.readString(data.resolve("catalog.mv.db"))).isEqualTo("kept");
    }

    @Test
    void aPrivateFileIsOwnerOnlyFromItsFirstByteAndNeverOverwritten() throws IOException {
        Path file = DataDirectory.prepare(temp.resolve("keys")).resolve("secret");
        DataDirectory.writePrivate(file, "s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("s3cret");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataDirectory.writePrivate(file, new byte[] {1}))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(Files.readString(file)).isEqualTo("s3cret");
    }

    @Test
    void filesOthersCouldReadAreMadeOwnerOnly() throws IOException {
        Path data = DataDirectory.prepare(temp.resolve("store"));
        Path database = Files.createFile(data.resolve("catalog.mv.db"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        DataDirectory.restrictFiles(data);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
    }
}
