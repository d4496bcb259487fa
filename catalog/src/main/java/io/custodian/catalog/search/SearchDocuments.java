package io.custodian.catalog.search;

import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.DatasetId;
import io.custodian.catalog.read.Views.Field;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.JobId;
import io.custodian.catalog.read.Views.Owner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;

/**
 * The shape of the index: which fields a dataset or job document holds and how each is analyzed.
 *
 * <p>Names are indexed four ways: whole and lowercased ({@code name_exact}) and their last component
 * ({@code name_leaf}, the table of {@code shop.public.orders}) for exact matches and autocomplete,
 * split as identifiers ({@code name}) for parts, and as a sort key. Facet values
 * (namespace, platform, tags, owners, classifications) go to doc values, counted per search.
 */
final class SearchDocuments {
    /** Bump when documents change shape: an index of another format is rebuilt on start. */
    static final String FORMAT_VERSION = "9";
    /** When the dataset or job last appeared in an event: doc values, for sorting and display. */
    static final String UPDATED_AT = "updated_at";
    /** The facet dimensions every search counts. */
    static final List<String> FACETS = List.of("type", "namespace", "platform", "tag", "owner", "classification");
    static final String FEATURES = "features";
    static final String POPULARITY = "popularity";

    private static final FacetsConfig FACETS_CONFIG = facetsConfig();

    private SearchDocuments() {}

    static FacetsConfig facetsConfig() {
        FacetsConfig config = new FacetsConfig();
        for (String dimension : List.of("tag", "owner", "classification")) {
            config.setMultiValued(dimension, true);
        }
        return config;
    }

    static String nodeId(Dataset dataset) {
        return nodeId(dataset.id());
    }

    static String nodeId(DatasetId dataset) {
        return "dataset:" + dataset.namespace() + ":" + dataset.name();
    }

    static String nodeId(Job job) {
        return nodeId(job.id());
    }

    static String nodeId(JobId job) {
        return "job:" + job.namespace() + ":" + job.name();
    }

    /**
     * A dataset: its names, columns, descriptions, tags, owners, platform and classifications,
     * with how much it is used (jobs reading it and their outputs) as a ranking feature.
     */
    static Document dataset(Dataset dataset, int popularity) {
        Document doc = common("dataset", nodeId(dataset), dataset.namespace(), dataset.name(),
                dataset.description(), dataset.updatedAt().toEpochMilli());
        Set<String> classifications = new TreeSet<>();
        for (Field field : dataset.fields()) {
            for (Classification classification : field.classifications()) {
                if (classification.active()) {
                    classifications.add(classification.type());
                    // Which field holds the type, so a hit can say so.
                    doc.add(new StoredField("classified_stored", classification.type() + ":" + field.name()));
                }
            }
            doc.add(new TextField("column", field.name(), Store.NO));
            doc.add(new StoredField("column_stored", field.name()));
            doc.add(new StringField("column_exact", lower(field.name()), Store.NO));
            if (field.description() != null) {
                doc.add(new TextField("description", field.description(), Store.NO));
            }
        }
        for (String tag : dataset.tags()) {
            keyword(doc, "tag", lower(tag));
        }
        for (Owner owner : dataset.owners()) {
            keyword(doc, "owner", lower(owner.name()));
        }
        // The platform is the source a dataSource facet named, not Marquez's "default" for none.
        if (dataset.facets().containsKey("dataSource") && dataset.facets().get("dataSource").path("name").isTextual()) {
            keyword(doc, "platform", lower(dataset.sourceName()));
        }
        // Canonical type names are upper case (EMAIL_ADDRESS), and kept so.
        for (String type : classifications) {
            keyword(doc, "classification", type);
        }
        // FeatureField wants a positive value; +1 keeps unread datasets in the scale.
        doc.add(new FeatureField(FEATURES, POPULARITY, 1 + Math.min(popularity, 1_000_000)));
        doc.add(new NumericDocValuesField(POPULARITY, popularity));
        return build(doc);
    }

    /**
     * A job: its name, namespace and description, and what it touches: the names of the datasets it
     * reads and writes, and their columns, so that {@code customer email} finds the job that
     * writes the customers' emails as well as the table.
     */
    static Document job(Job job, Collection<String> columns) {
        Document doc = common("job", nodeId(job), job.namespace(), job.name(), job.description(),
                job.updatedAt().toEpochMilli());
        Set<String> datasets = new TreeSet<>();
        job.inputs().forEach(input -> datasets.add(input.name()));
        job.outputs().forEach(output -> datasets.add(output.name()));
        for (String dataset : datasets) {
            doc.add(new TextField("dataset", dataset, Store.NO));
            doc.add(new StoredField("dataset_stored", dataset));
        }
        // Fields of their own: column:email still means a dataset with that column.
        for (String column : columns) {
            doc.add(new TextField("dataset_column", column, Store.NO));
            doc.add(new StoredField("dataset_column_stored", column));
        }
        return build(doc);
    }

    private static Document common(String type, String id, String namespace, String name, String description,
            long updated) {
        Document doc = new Document();
        doc.add(new StringField("id", id, Store.YES));
        keyword(doc, "type", type);
        doc.add(new StoredField("type_stored", type));
        keyword(doc, "namespace", namespace);
        doc.add(new StoredField("namespace_stored", namespace));
        doc.add(new StringField("name_exact", lower(name), Store.NO));
        doc.add(new StringField("name_leaf", lower(leaf(name)), Store.NO));
        doc.add(new TextField("name", name, Store.YES));
        doc.add(new SortedDocValuesField("name_sort", new BytesRef(lower(name))));
        if (description != null) {
            doc.add(new TextField("description", description, Store.NO));
            doc.add(new StoredField("description_stored", description));
        }
        // Doc values only: the indexer moves them on in place when nothing else changed.
        doc.add(new NumericDocValuesField(UPDATED_AT, updated));
        return doc;
    }

    /** A filterable keyword that is also counted as a facet. */
    private static void keyword(Document doc, String field, String value) {
        if (value.isEmpty()) {
            return;
        }
        doc.add(new StringField(field, value, Store.NO));
        doc.add(new SortedSetDocValuesFacetField(field, value));
    }

    private static Document build(Document doc) {
        try {
            return FACETS_CONFIG.build(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The last component of a qualified name: the table of {@code shop.public.orders}, the file
     * of {@code raw/stripe/charges}. People type it more often than the whole name.
     */
    static String leaf(String name) {
        int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('/'));
        return cut >= 0 && cut < name.length() - 1 ? name.substring(cut + 1) : name;
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
