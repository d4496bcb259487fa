package io.custodian.catalog.ingest;

import io.custodian.catalog.Failures;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A handle and an attached {@link IngestDao} kept open across transactions, for a thread that
 * uses the store often (the log writer, the applier, the change-feed follower): attaching a DAO
 * costs more than a small batch of statements. One user at a time; after a failed transaction the
 * handle is dropped, since its connection may be broken.
 */
final class WriterHandle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WriterHandle.class);
    private final Jdbi jdbi;
    private Handle handle;
    private IngestDao dao;

    WriterHandle(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    <T> T inTransaction(Function<IngestDao, T> work) {
        if (handle == null) {
            handle = jdbi.open();
            dao = handle.attach(IngestDao.class);
        }
        try {
            return handle.inTransaction(h -> work.apply(dao));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                log.debug("closing a failed handle: {}", Failures.describe(e));
            }
            handle = null;
            dao = null;
        }
    }
}
