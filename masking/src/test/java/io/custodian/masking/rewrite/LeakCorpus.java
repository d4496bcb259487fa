package io.custodian.masking.rewrite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The entries of {@code leak-corpus.sql}: named queries, some for one database only. */
record LeakCorpus(List<Entry> entries) {
    /** One query: its name, the databases it runs on (empty: all), and whether its raw result holds raw values. */
    record Entry(String name, Set<String> databases, boolean rawWhenUnmasked, String sql) {
        boolean runsOn(String database) {
            return databases.isEmpty() || databases.contains(database);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static LeakCorpus load() {
        try (InputStream in = LeakCorpus.class.getResourceAsStream("leak-corpus.sql")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static LeakCorpus parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String name = null;
        Set<String> databases = Set.of();
        boolean raw = true;
        boolean inHeader = false;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-- name:")) {
                if (name != null) {
                    entries.add(new Entry(name, databases, raw, sql.toString().strip()));
                }
                name = line.substring("-- name:".length()).strip();
                databases = Set.of();
                raw = true;
                inHeader = true;
                sql.setLength(0);
            } else if (inHeader && line.startsWith("-- dialects:")) {
                databases = Set.of(line.substring("-- dialects:".length()).strip().split("\\s*,\\s*"));
            } else if (inHeader && line.startsWith("-- expect:")) {
                raw = !line.contains("no-raw");
            } else if (name != null) {
                inHeader = false;
                sql.append(line).append('\n');
            }
        }
        if (name != null) {
            entries.add(new Entry(name, databases, raw, sql.toString().strip()));
        }
        return new LeakCorpus(List.copyOf(entries));
    }
}
