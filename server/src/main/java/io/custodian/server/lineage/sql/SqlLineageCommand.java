package io.custodian.server.lineage.sql;

import io.custodian.lineage.sql.SqlLineageExtractor;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar custodian.jar sql-lineage --input cases.jsonl --output out.jsonl}: column
 * lineage of SQL read from a JSON Lines file, without a server, configuration or database. The
 * output file appears only when the whole input has been read (written aside, then moved).
 */
public final class SqlLineageCommand extends Command {
    public SqlLineageCommand() {
        super("sql-lineage", "Column lineage of SQL statements read from a JSON Lines file");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--input").required(true).metavar("FILE")
                .help("JSON Lines: {\"id\", \"sql\", \"dialect\", \"schema\", \"defaults\"} per line");
        subparser.addArgument("--output").required(true).metavar("FILE")
                .help("JSON Lines: {\"id\", \"columns\": [{\"target\", \"sources\"}]} or {\"id\", \"error\"} per line");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        SqlLineageBatch batch = new SqlLineageBatch(bootstrap.getObjectMapper(), new SqlLineageExtractor());
        SqlLineageBatch.Summary summary = run(batch, Path.of(namespace.getString("input")),
                Path.of(namespace.getString("output")));
        System.err.println("sql-lineage: " + summary.lines() + " cases, " + summary.errors() + " with errors");
    }

    /** Runs the batch from {@code input} to {@code output}; a missing input is an IOException. */
    static SqlLineageBatch.Summary run(SqlLineageBatch batch, Path input, Path output) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IOException("input file not found: " + input);
        }
        Path absolute = output.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException("output directory does not exist: " + directory);
        }
        Path temp = Files.createTempFile(directory, absolute.getFileName().toString(), ".partial");
        try {
            SqlLineageBatch.Summary summary;
            // InputStreamReader replaces malformed UTF-8 rather than failing the whole batch.
            try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(Files.newInputStream(input), StandardCharsets.UTF_8));
                    BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                summary = batch.run(in, out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return summary;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        // A clear message for a user's mistake (a missing file, unreadable input), not a stack trace.
        cli.getStdErr().println("sql-lineage: " + e.getMessage());
    }
}
