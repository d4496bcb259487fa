package io.custodian.catalog.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * An index folder whose files only the service's user may read: the index holds field names,
 * descriptions and facets from events, so each file is made owner-only as it is created, before a
 * byte is written (the process's umask would otherwise leave it readable by others).
 */
final class OwnerOnlyDirectory extends FilterDirectory {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private final Path folder;
    private final boolean posix;

    OwnerOnlyDirectory(FSDirectory directory) throws IOException {
        super(directory);
        this.folder = directory.getDirectory();
        this.posix = Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class);
        if (posix) {
            // Files of an index written before: made private once, at open.
            for (String name : directory.listAll()) {
                restrict(name);
            }
        }
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        IndexOutput output = super.createOutput(name, context);
        restrict(output.getName());
        return output;
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput output = super.createTempOutput(prefix, suffix, context);
        restrict(output.getName());
        return output;
    }

    private void restrict(String name) throws IOException {
        if (!posix) {
            return;
        }
        Path file = folder.resolve(name);
        if (Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(OWNER_READ_WRITE)) {
            Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
        }
    }
}
