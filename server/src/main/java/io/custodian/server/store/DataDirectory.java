package io.custodian.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's data directory: the embedded store, the search index and the first admin key
 * live there, so only the service's user may enter it. The files inside are created by H2 and
 * Lucene with the process's default modes; an owner-only directory keeps them private whatever
 * those modes are.
 */
public final class DataDirectory {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates {@code directory} owner-only, or makes an existing one owner-only; returns it. */
    public static Path prepare(Path directory) {
        try {
            Files.createDirectories(directory);
            if (Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Set<PosixFilePermission> before = Files.getPosixFilePermissions(directory);
                if (!before.equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(directory, OWNER_ONLY);
                    log.info("data directory {} made private to the service's user (was {})", directory,
                            PosixFilePermissions.toString(before));
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + directory, e);
        }
    }

    /**
     * Writes a new file that only the service's user may read, private from its first byte (created
     * with its mode, not restricted afterwards); fails if the file exists.
     */
    public static void writePrivate(Path file, byte[] content) {
        try {
            Set<java.nio.file.OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (var channel = Files.getFileStore(file.toAbsolutePath().getParent())
                            .supportsFileAttributeView(PosixFileAttributeView.class)
                    ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
                    : Files.newByteChannel(file, options)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Makes the regular files directly in {@code directory} owner-only: the embedded database's
     * files, which H2 creates with the process's default mode when it opens the store.
     */
    public static void restrictFiles(Path directory) {
        try {
            if (!Files.getFileStore(directory).supportsFileAttributeView(PosixFileAttributeView.class)) {
                return;
            }
            try (var files = Files.list(directory)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (!Files.getPosixFilePermissions(file).equals(OWNER_READ_WRITE)) {
                        Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the files of " + directory + " private", e);
        }
    }
}
