package io.custodian.catalog.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a dataset's schema changed between two versions. A rename is recognised only when exactly
 * one field went and one came with the same type (nothing else tells a rename from a drop and an
 * add); otherwise they show as removed and added.
 */
public record SchemaChange(List<SchemaField> added, List<SchemaField> removed, List<TypeChange> typeChanged,
        List<Rename> renamed) {

    /** A field whose declared type changed. */
    public record TypeChange(String name, String from, String to) {}

    /** A field that took another name, keeping its type. */
    public record Rename(String from, String to, String type) {}

    public SchemaChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        typeChanged = List.copyOf(typeChanged);
        renamed = List.copyOf(renamed);
    }

    /** The change from {@code before} to {@code after}. */
    public static SchemaChange between(List<SchemaField> before, List<SchemaField> after) {
        Map<String, SchemaField> old = new LinkedHashMap<>();
        before.forEach(f -> old.put(f.name(), f));
        Map<String, SchemaField> now = new LinkedHashMap<>();
        after.forEach(f -> now.put(f.name(), f));
        List<SchemaField> added = new ArrayList<>();
        List<TypeChange> typeChanged = new ArrayList<>();
        for (SchemaField f : after) {
            SchemaField was = old.get(f.name());
            if (was == null) {
                added.add(f);
            } else if (!Objects.equals(was.type(), f.type())) {
                typeChanged.add(new TypeChange(f.name(), was.type(), f.type()));
            }
        }
        List<SchemaField> removed = before.stream().filter(f -> !now.containsKey(f.name())).toList();
        if (added.size() == 1 && removed.size() == 1 && Objects.equals(added.get(0).type(), removed.get(0).type())) {
            return new SchemaChange(List.of(), List.of(), typeChanged,
                    List.of(new Rename(removed.get(0).name(), added.get(0).name(), added.get(0).type())));
        }
        return new SchemaChange(added, removed, typeChanged, List.of());
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && typeChanged.isEmpty() && renamed.isEmpty();
    }
}
