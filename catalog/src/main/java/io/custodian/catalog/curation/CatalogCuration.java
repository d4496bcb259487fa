package io.custodian.catalog.curation;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.UnknownTargetException;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * What Marquez's API lets clients change besides sending events: soft deletes of namespaces,
 * datasets and jobs (hidden until the next event that mentions them), the tags registry, and
 * tags on datasets and on fields. Tags that name a type of personal data are not kept here: they
 * are steward classifications (see {@code ClassificationStore#decide}).
 */
public final class CatalogCuration {
    /** A tag name: letters, digits, and {@code _ - . :}, at most 256 characters. */
    public static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}");
    public static final int MAX_DESCRIPTION_LENGTH = 4000;
    private final Jdbi jdbi;
    private final Clock clock;

    public CatalogCuration(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** @throws UnknownTargetException when there is no such dataset, or it is already deleted */
    public void deleteDataset(String namespace, String name) {
        jdbi.useTransaction(handle -> {
            CurationDao dao = handle.attach(CurationDao.class);
            dao.hideDataset(dataset(dao, namespace, name));
        });
    }

    /** @throws UnknownTargetException when there is no such job, or it is already deleted */
    public void deleteJob(String namespace, String name) {
        if (jdbi.withExtension(CurationDao.class, dao -> dao.hideJob(namespace, name)) == 0) {
            throw new UnknownTargetException("job", namespace + "/" + name);
        }
    }

    /**
     * Hides a namespace with every dataset and job in it.
     *
     * @throws UnknownTargetException when there is no such namespace, or it is already deleted
     */
    public void deleteNamespace(String namespace) {
        jdbi.useTransaction(handle -> {
            CurationDao dao = handle.attach(CurationDao.class);
            if (dao.hideNamespace(namespace) == 0) {
                throw new UnknownTargetException("namespace", namespace);
            }
            dao.hideDatasetsOf(namespace);
            dao.hideJobsOf(namespace);
        });
    }

    /** Registers a tag, or replaces its description. Returns true when the tag is new. */
    public boolean putTag(String name, String description) {
        requireTag(name);
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new IllegalArgumentException("a description is at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return jdbi.inTransaction(handle -> {
            CurationDao dao = handle.attach(CurationDao.class);
            if (dao.updateTag(name, description, clock.instant()) > 0) {
                return false;
            }
            dao.insertTag(name, description, clock.instant());
            return true;
        });
    }

    /** Whether the tag is registered. */
    public boolean tagExists(String name) {
        return jdbi.withExtension(CurationDao.class, dao -> dao.tagCount(name) > 0);
    }

    /** @throws UnknownTargetException when there is no such dataset */
    public void tagDataset(String namespace, String name, String tag, String by) {
        requireTag(tag);
        jdbi.useTransaction(handle -> {
            CurationDao dao = handle.attach(CurationDao.class);
            UUID dataset = dataset(dao, namespace, name);
            if (dao.datasetTagCount(dataset, tag) == 0) {
                dao.tagDataset(dataset, tag, by, clock.instant());
            }
        });
    }

    /** Returns whether the dataset had the tag. @throws UnknownTargetException when there is no such dataset */
    public boolean untagDataset(String namespace, String name, String tag) {
        return jdbi.inTransaction(handle -> {
            CurationDao dao = handle.attach(CurationDao.class);
            return dao.untagDataset(dataset(dao, namespace, name), tag) > 0;
        });
    }

    /** @throws UnknownTargetException when there is no such dataset, or no such field in its current schema */
    public void tagField(String namespace, String name, String field, String tag, String by) {
        requireTag(tag);
        jdbi.useTransaction(handle -> {
            CurationDao dao = handle.attach(CurationDao.class);
            UUID dataset = field(dao, namespace, name, field);
            if (dao.fieldTagCount(dataset, field, tag) == 0) {
                dao.tagField(dataset, field, tag, by, clock.instant());
            }
        });
    }

    /** Returns whether the field had the tag. @throws UnknownTargetException as {@link #tagField} */
    public boolean untagField(String namespace, String name, String field, String tag) {
        return jdbi.inTransaction(handle -> {
            CurationDao dao = handle.attach(CurationDao.class);
            return dao.untagField(field(dao, namespace, name, field), field, tag) > 0;
        });
    }

    /** The dataset's id, after checking the field is in its current schema. */
    public UUID requireField(String namespace, String name, String field) {
        return jdbi.inTransaction(handle -> field(handle.attach(CurationDao.class), namespace, name, field));
    }

    private static UUID dataset(CurationDao dao, String namespace, String name) {
        return dao.visibleDataset(namespace, name)
                .orElseThrow(() -> new UnknownTargetException("dataset", namespace + "/" + name));
    }

    private static UUID field(CurationDao dao, String namespace, String name, String field) {
        UUID dataset = dataset(dao, namespace, name);
        if (!dao.currentFields(dataset).contains(field)) {
            throw new UnknownTargetException("field", namespace + "/" + name + "/" + field);
        }
        return dataset;
    }

    private static void requireTag(String tag) {
        if (tag == null || !TAG_NAME.matcher(tag).matches()) {
            throw new IllegalArgumentException("a tag is letters, digits, _ - . and :, at most 256 characters");
        }
    }
}
