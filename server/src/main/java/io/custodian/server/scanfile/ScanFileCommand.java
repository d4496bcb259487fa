package io.custodian.server.scanfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.policy.PolicyException;
import io.custodian.policy.PolicySet;
import io.custodian.scanner.ColumnClassification;
import io.custodian.scanner.ColumnSample;
import io.custodian.scanner.classify.PiiColumnClassifier;
import io.custodian.scanner.file.FileFormatException;
import io.custodian.scanner.file.FileSampler;
import io.custodian.scanner.file.SampledFile;
import io.custodian.scanner.policy.ScannerPolicies;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar custodian.jar scan-file FILE [--policy FILE] [--sample N]}: classifies the
 * columns of a CSV (header row, RFC 4180) or JSON Lines file and prints the classifications at or
 * above the policy's thresholds as JSON. Needs no configuration, server or database. Bad input
 * (missing, empty, binary, ragged or unknown files, a bad policy) prints one line saying what and
 * where on stderr and exits non-zero; no sampled value is ever printed.
 */
public final class ScanFileCommand extends Command {
    static final int DEFAULT_SAMPLE = 1000;

    public ScanFileCommand() {
        super("scan-file", "Classify the columns of a CSV or JSON Lines file as personal data");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("file").metavar("FILE")
                .help("a .csv file with a header row, or a .jsonl / .ndjson file of JSON objects");
        subparser.addArgument("--policy").metavar("FILE").dest("policy")
                .help("a policy file laid over the shipped policy set (types, scanner thresholds)");
        subparser.addArgument("--sample").metavar("N").dest("sample").type(Integer.class).setDefault(DEFAULT_SAMPLE)
                .help("how many rows to read from the start of the file, 1 to " + FileSampler.MAX_SAMPLE
                        + " (default " + DEFAULT_SAMPLE + ")");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        int sample = namespace.getInt("sample");
        if (sample < 1 || sample > FileSampler.MAX_SAMPLE) {
            throw new IllegalArgumentException("--sample must be between 1 and " + FileSampler.MAX_SAMPLE
                    + ", not " + sample);
        }
        String policyFile = namespace.getString("policy");
        PolicySet policy = policyFile == null
                ? ScannerPolicies.defaults()
                : ScannerPolicies.withFile(Path.of(policyFile));
        PiiColumnClassifier classifier = new PiiColumnClassifier(policy);
        SampledFile sampled = new FileSampler().sample(Path.of(namespace.getString("file")), sample);

        ObjectMapper mapper = bootstrap.getObjectMapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode result = mapper.createObjectNode();
        result.put("file", sampled.file());
        result.put("rowsSampled", sampled.rowsSampled());
        result.put("detectorVersion", classifier.detectorVersion());
        ArrayNode columns = result.putArray("columns");
        for (ColumnSample column : sampled.columns()) {
            ObjectNode node = columns.addObject();
            node.put("name", column.column());
            ArrayNode classifications = node.putArray("classifications");
            for (ColumnClassification found : classifier.classify(column)) {
                classifications.addObject()
                        .put("type", found.type())
                        .put("confidence", found.confidence())
                        .put("explanation", found.explanation());
            }
        }
        System.out.println(mapper.writeValueAsString(result));
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        // Expected failures are one line an operator can act on; no stack trace, and never a value.
        if (e instanceof FileFormatException || e instanceof PolicyException || e instanceof IllegalArgumentException) {
            cli.getStdErr().println("scan-file: " + e.getMessage());
        } else {
            cli.getStdErr().println("scan-file failed: " + e.getClass().getName());
        }
    }
}
