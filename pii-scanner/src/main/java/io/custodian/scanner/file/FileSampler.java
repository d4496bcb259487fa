package io.custodian.scanner.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.custodian.scanner.ColumnSample;
import io.custodian.scanner.detect.Detectors;
import io.custodian.scanner.detect.TypeDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the first rows of a CSV file (a header row, then RFC 4180 records: quoted fields may hold
 * separators, quotes and line breaks; the separator, comma, semicolon, tab or pipe, is the one the
 * header uses) or a JSON Lines file (one object per line; its keys are the columns, nested objects
 * flattened as {@code a.b}, each element of an array a value of its column) into one
 * {@link ColumnSample} per column.
 *
 * <p>Bad input is refused with a {@link FileFormatException} naming the file and line: a missing,
 * empty, binary or non-UTF-8 file, an unknown extension, a CSV row with more or fewer fields than
 * the header, a header cell that is itself personal data (a file without a header), a line that is
 * not a JSON object, a line longer than {@link #MAX_LINE_CHARS}, or more than {@link #MAX_COLUMNS}
 * columns.
 */
public final class FileSampler {
    public static final int MAX_LINE_CHARS = 1 << 20;
    public static final int MAX_COLUMNS = 2048;
    public static final int MAX_SAMPLE = 100_000;
    private static final int MAX_NAME_CHARS = 256;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_ARRAY_ELEMENTS = 100;

    private static final List<TypeDetector> HEADER_CHECKS = Detectors.standard(Clock.systemUTC()).stream()
            // Street addresses are shapes loose enough that a header such as "Street 2" would match.
            .filter(d -> d.standalone() != null && !d.categorical() && !d.type().equals("STREET_ADDRESS"))
            .toList();

    private final CsvMapper csv = new CsvMapper();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Samples the first {@code rows} data rows of a file.
     *
     * @param rows how many rows to read, 1 to {@link #MAX_SAMPLE}
     */
    public SampledFile sample(Path file, int rows) {
        if (rows < 1 || rows > MAX_SAMPLE) {
            throw new IllegalArgumentException("the sample is 1 to " + MAX_SAMPLE + " rows, not " + rows);
        }
        String name = file.toString();
        String extension = extension(file);
        if (!extension.equals("csv") && !extension.equals("jsonl") && !extension.equals("ndjson")) {
            throw new FileFormatException(name + ": unknown extension '" + extension
                    + "'; scan-file reads .csv (with a header row) and .jsonl or .ndjson (JSON Lines)");
        }
        if (Files.isDirectory(file)) {
            throw new FileFormatException(name + ": is a directory");
        }
        try {
            if (Files.size(file) == 0) {
                throw new FileFormatException(name + ": empty file; expected "
                        + (extension.equals("csv") ? "a header row" : "one JSON object per line"));
            }
            byte[] head = head(file);
            checkText(head, name);
            try (InputStream in = Files.newInputStream(file);
                 LineLimitedReader reader = new LineLimitedReader(new InputStreamReader(in,
                         StandardCharsets.UTF_8.newDecoder()
                                 .onMalformedInput(CodingErrorAction.REPORT)
                                 .onUnmappableCharacter(CodingErrorAction.REPORT)), name, MAX_LINE_CHARS)) {
                String table = tableName(file);
                return extension.equals("csv")
                        ? csv(reader, name, table, rows, separator(head))
                        : jsonLines(reader, name, table, rows);
            }
        } catch (NoSuchFileException e) {
            throw new FileFormatException(name + ": no such file");
        } catch (CharacterCodingException e) {
            throw new FileFormatException(name + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new FileFormatException(name + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private SampledFile csv(LineLimitedReader reader, String name, String table, int rows, char separator)
            throws IOException {
        Iterator<List<String>> records;
        try {
            MappingIterator<List<String>> iterator = csv.readerFor(List.class)
                    .with(CsvSchema.emptySchema().withColumnSeparator(separator))
                    .with(CsvParser.Feature.WRAP_AS_ARRAY)
                    .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                    .readValues(reader);
            records = iterator;
            if (!iterator.hasNextValue()) {
                throw new FileFormatException(name + ": no header row");
            }
            List<String> header = iterator.nextValue();
            List<String> columns = columnNames(header, name);
            List<List<String>> values = new ArrayList<>();
            columns.forEach(c -> values.add(new ArrayList<>()));
            int read = 0;
            while (read < rows && iterator.hasNextValue()) {
                List<String> record = iterator.nextValue();
                int line = iterator.getParser().currentTokenLocation().getLineNr();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (record.size() != columns.size()) {
                    throw new FileFormatException(name + ", line " + line + ": " + record.size()
                            + " fields, but the header has " + columns.size());
                }
                for (int i = 0; i < record.size(); i++) {
                    values.get(i).add(record.get(i));
                }
                read++;
            }
            List<ColumnSample> samples = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                samples.add(new ColumnSample(table, columns.get(i), Optional.empty(), Optional.empty(), values.get(i)));
            }
            return new SampledFile(name, read, samples);
        } catch (JsonProcessingException e) {
            throw new FileFormatException(name + ", line " + lineOf(e, reader) + ": malformed CSV ("
                    + withoutQuotes(e.getOriginalMessage()) + ")", e);
        } catch (RuntimeException e) {
            if (e instanceof FileFormatException) {
                throw e;
            }
            // MappingIterator wraps parse errors in RuntimeJsonMappingException.
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw new FileFormatException(name + ", line " + lineOf(cause, reader) + ": malformed CSV ("
                        + withoutQuotes(cause.getOriginalMessage()) + ")", e);
            }
            throw e;
        }
    }

    private SampledFile jsonLines(LineLimitedReader reader, String name, String table, int rows) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        Map<String, ColumnValues> columns = new LinkedHashMap<>();
        int read = 0;
        int lineNumber = 0;
        String line;
        while (read < rows && (line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw new FileFormatException(name + ", line " + lineNumber + ": not valid JSON ("
                        + withoutQuotes(e.getOriginalMessage()) + ")", e);
            }
            if (node == null || !node.isObject()) {
                throw new FileFormatException(name + ", line " + lineNumber + ": not a JSON object; JSON Lines for"
                        + " scan-file hold one object per line");
            }
            flatten("", node, 0, columns, read, name, lineNumber);
            read++;
        }
        if (read == 0) {
            throw new FileFormatException(name + ": no JSON objects, only blank lines");
        }
        List<ColumnSample> samples = new ArrayList<>();
        columns.forEach((column, values) -> samples.add(new ColumnSample(table, column, values.dataType(),
                Optional.empty(), values.values)));
        return new SampledFile(name, read, samples);
    }

    private static void flatten(String prefix, JsonNode node, int depth, Map<String, ColumnValues> columns, int row,
            String name, int line) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && depth < MAX_DEPTH) {
                flatten(key + ".", value, depth + 1, columns, row, name, line);
                continue;
            }
            if (value.isNull() || value.isMissingNode()) {
                continue;
            }
            if (value.isArray()) {
                // Each element is a value of the column (a list of emails, of tags); objects in a
                // list are flattened like a nested object.
                int elements = 0;
                for (JsonNode element : value) {
                    if (++elements > MAX_ARRAY_ELEMENTS) {
                        break;
                    }
                    if (element.isObject() && depth < MAX_DEPTH) {
                        flatten(key + ".", element, depth + 1, columns, row, name, line);
                    } else if (!element.isNull()) {
                        column(columns, key, name, line).add(element);
                    }
                }
                continue;
            }
            column(columns, key, name, line).add(value);
        }
    }

    private static ColumnValues column(Map<String, ColumnValues> columns, String key, String name, int line) {
        ColumnValues column = columns.get(key);
        if (column == null) {
            if (columns.size() == MAX_COLUMNS) {
                throw new FileFormatException(name + ", line " + line + ": more than " + MAX_COLUMNS + " columns");
            }
            if (key.length() > MAX_NAME_CHARS) {
                throw new FileFormatException(name + ", line " + line + ": a key is longer than " + MAX_NAME_CHARS
                        + " characters");
            }
            column = new ColumnValues();
            columns.put(key, column);
        }
        return column;
    }

    private static List<String> columnNames(List<String> header, String name) {
        if (header.size() > MAX_COLUMNS) {
            throw new FileFormatException(name + ", line 1: " + header.size() + " columns; at most " + MAX_COLUMNS);
        }
        List<String> columns = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).strip();
            if (i == 0 && column.startsWith("\uFEFF")) {
                column = column.substring(1); // a byte-order mark
            }
            if (column.isEmpty()) {
                column = "column_" + (i + 1);
            }
            if (column.length() > MAX_NAME_CHARS) {
                throw new FileFormatException(name + ", line 1: column " + (i + 1) + "'s name is longer than "
                        + MAX_NAME_CHARS + " characters; is the first line a header?");
            }
            // A file without a header would have its first record taken for column names, and
            // printed as such; refuse a header cell that is itself personal data.
            for (TypeDetector detector : HEADER_CHECKS) {
                if (detector.standalone().isValid(column)) {
                    throw new FileFormatException(name + ", line 1: column " + (i + 1) + " looks like a value ("
                            + detector.type() + "), not a column name; scan-file needs a header row");
                }
            }
            Integer previous = seen.put(column, i + 1);
            if (previous != null) {
                // The name is not quoted: in a file without a header it would be a value.
                throw new FileFormatException(name + ", line 1: columns " + previous + " and " + (i + 1)
                        + " have the same name");
            }
            columns.add(column);
        }
        return columns;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8192);
        }
    }

    /** Refuses files whose first bytes hold NULs: binaries, images, archives, UTF-16 text. */
    private static void checkText(byte[] head, String name) {
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                throw new FileFormatException(name + ": binary content (a NUL byte at offset " + i
                        + "); scan-file reads UTF-8 text");
            }
        }
    }

    /**
     * The separator the header row uses: the most frequent of comma, semicolon (spreadsheets in
     * locales with a decimal comma), tab and pipe outside quotes; a comma when there is none.
     */
    static char separator(byte[] head) {
        char[] candidates = {',', ';', '\t', '|'};
        int[] counts = new int[candidates.length];
        boolean quoted = false;
        for (byte b : head) {
            char c = (char) (b & 0xff);
            if (c == '\n') {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < candidates.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }

    private static int lineOf(JsonProcessingException e, LineLimitedReader reader) {
        return e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() : reader.line();
    }

    /** Parser messages quote the offending input; the input may be personal data. */
    private static String withoutQuotes(String message) {
        if (message == null) {
            return "unreadable";
        }
        String first = message.lines().findFirst().orElse("");
        return first.replaceAll("'[^']*'", "'...'").replaceAll("\"[^\"]*\"", "\"...\"")
                .replaceAll("\\(code \\d+\\)", "");
    }

    private static String extension(Path file) {
        Path fileName = file.getFileName();
        String base = fileName == null ? "" : fileName.toString();
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String tableName(Path file) {
        String base = file.getFileName().toString();
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** The values of one JSON column, and whether they were all booleans or all numbers. */
    private static final class ColumnValues {
        final List<String> values = new ArrayList<>();
        boolean booleans = true;
        boolean integers = true;
        boolean numbers = true;

        void add(JsonNode value) {
            booleans &= value.isBoolean();
            integers &= value.isIntegralNumber();
            numbers &= value.isNumber();
            values.add(value.isValueNode() ? value.asText() : value.toString());
        }

        Optional<String> dataType() {
            if (values.isEmpty()) {
                return Optional.empty();
            }
            if (booleans) {
                return Optional.of("boolean");
            }
            if (integers) {
                return Optional.of("bigint");
            }
            return numbers ? Optional.of("double") : Optional.empty();
        }
    }
}
