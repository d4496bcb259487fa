package io.custodian.scanner.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.scanner.ColumnSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSamplerTest {
    @TempDir
    Path dir;
    private final FileSampler sampler = new FileSampler();

    @Test
    void readsCsvWithRfc4180Quoting() throws IOException {
        Path file = write("people.csv", "id,name,notes\r\n1,\"Doe, Jane\",\"said \"\"hi\"\"\nand left\"\r\n2,Bob,\r\n");
        SampledFile sampled = sampler.sample(file, 10);
        assertThat(sampled.rowsSampled()).isEqualTo(2);
        assertThat(sampled.columns()).extracting(ColumnSample::column).containsExactly("id", "name", "notes");
        assertThat(sampled.columns().get(1).values()).containsExactly("Doe, Jane", "Bob");
        assertThat(sampled.columns().get(2).values()).containsExactly("said \"hi\"\nand left", "");
        assertThat(sampled.columns().get(0).table()).isEqualTo("people");
    }

    @Test
    void readsTheSeparatorTheHeaderUses() throws IOException {
        SampledFile semicolons = sampler.sample(write("eu.csv", "name;amount\n\"Doe; Jane\";1,50\nBob;2,00\n"), 10);
        assertThat(semicolons.columns()).extracting(ColumnSample::column).containsExactly("name", "amount");
        assertThat(semicolons.columns().get(0).values()).containsExactly("Doe; Jane", "Bob");
        assertThat(semicolons.columns().get(1).values()).containsExactly("1,50", "2,00");
        SampledFile tabs = sampler.sample(write("t.csv", "a\tb\n1\t2\n"), 10);
        assertThat(tabs.columns()).extracting(ColumnSample::column).containsExactly("a", "b");
    }

    @Test
    void jsonArraysContributeEachElement() throws IOException {
        SampledFile sampled = sampler.sample(write("lists.jsonl",
                "{\"emails\": [\"a@example.com\", \"b@example.com\"], \"orders\": [{\"id\": 1}, {\"id\": 2}]}\n"), 10);
        assertThat(sampled.columns()).extracting(ColumnSample::column).containsExactly("emails", "orders.id");
        assertThat(sampled.columns().get(0).values()).containsExactly("a@example.com", "b@example.com");
        assertThat(sampled.columns().get(1).values()).containsExactly("1", "2");
    }

    @Test
    void readsOnlyTheSampleSize() throws IOException {
        StringBuilder b = new StringBuilder("n\n");
        for (int i = 0; i < 500; i++) {
            b.append(i).append('\n');
        }
        assertThat(sampler.sample(write("n.csv", b.toString()), 100).columns().get(0).values()).hasSize(100);
    }

    @Test
    void raggedRowIsRefusedWithItsLine() throws IOException {
        Path file = write("r.csv", "a,b\n1,2\n3,4\n5,6,7\n");
        assertThatThrownBy(() -> sampler.sample(file, 10))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("3 fields, but the header has 2");
    }

    @Test
    void malformedQuotingIsRefusedWithoutQuotingTheContent() throws IOException {
        Path file = write("q.csv", "a,b\n\"jane@example.com\"x,2\n");
        assertThatThrownBy(() -> sampler.sample(file, 10))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("malformed CSV")
                .hasMessageNotContaining("jane");
    }

    @Test
    void readsJsonLinesWithNestedObjectsAndTypes() throws IOException {
        Path file = write("events.jsonl", """
                {"user": {"email": "a@example.com", "age": 31}, "ok": true}

                {"user": {"email": "b@example.org"}, "ok": false, "extra": null}
                """);
        SampledFile sampled = sampler.sample(file, 10);
        assertThat(sampled.rowsSampled()).isEqualTo(2);
        assertThat(sampled.columns()).extracting(ColumnSample::column).containsExactly("user.email", "user.age", "ok");
        assertThat(sampled.columns().get(0).values()).containsExactly("a@example.com", "b@example.org");
        assertThat(sampled.columns().get(2).dataType()).isEqualTo(Optional.of("boolean"));
        assertThat(sampled.columns().get(1).dataType()).isEqualTo(Optional.of("bigint"));
    }

    @Test
    void badJsonLinesAreRefusedWithTheirLine() throws IOException {
        assertThatThrownBy(() -> sampler.sample(write("a.jsonl", "{\"a\": 1}\n[1, 2]\n"), 10))
                .hasMessageContaining("line 2").hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> sampler.sample(write("b.jsonl", "{\"a\": 1}\n{\"a\": secret-value}\n"), 10))
                .hasMessageContaining("line 2").hasMessageContaining("not valid JSON").hasMessageNotContaining("secret");
    }

    @Test
    void missingEmptyBinaryAndUnknownFilesAreRefused() throws IOException {
        assertThatThrownBy(() -> sampler.sample(dir.resolve("absent.csv"), 10)).hasMessageContaining("no such file");
        assertThatThrownBy(() -> sampler.sample(write("empty.csv", ""), 10)).hasMessageContaining("empty file");
        Path binary = dir.resolve("blob.csv");
        Files.write(binary, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        assertThatThrownBy(() -> sampler.sample(binary, 10)).hasMessageContaining("binary content");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> sampler.sample(latin1, 10)).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> sampler.sample(write("data.xlsx", "x"), 10)).hasMessageContaining("unknown extension");
        assertThatThrownBy(() -> sampler.sample(dir, 10)).isInstanceOf(FileFormatException.class);
    }

    @Test
    void hugeLinesAreRefused() throws IOException {
        Path file = write("huge.csv", "a\n" + "x".repeat(FileSampler.MAX_LINE_CHARS + 10) + "\n");
        assertThatThrownBy(() -> sampler.sample(file, 10)).hasMessageContaining("line 2").hasMessageContaining("longer than");
        Path json = write("huge.jsonl", "{\"a\": \"" + "x".repeat(FileSampler.MAX_LINE_CHARS + 10) + "\"}\n");
        assertThatThrownBy(() -> sampler.sample(json, 10)).hasMessageContaining("longer than");
    }

    @Test
    void duplicateAndBlankHeaderNamesAreHandled() throws IOException {
        assertThatThrownBy(() -> sampler.sample(write("d.csv", "a,b,a\n1,2,3\n"), 10))
                .hasMessageContaining("columns 1 and 3 have the same name");
        assertThatThrownBy(() -> sampler.sample(write("noheader.csv", "1001,jane.doe@example.com\n1002,x@example.org\n"), 10))
                .hasMessageContaining("column 2 looks like a value (EMAIL_ADDRESS)")
                .hasMessageContaining("needs a header row")
                .hasMessageNotContaining("jane");
        assertThat(sampler.sample(write("e.csv", "\uFEFFa,,c\n1,2,3\n"), 10).columns())
                .extracting(ColumnSample::column).containsExactly("a", "column_2", "c");
    }

    @Test
    void sampleSizeIsBounded() throws IOException {
        Path file = write("s.csv", "a\n1\n");
        assertThatThrownBy(() -> sampler.sample(file, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sampler.sample(file, FileSampler.MAX_SAMPLE + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
