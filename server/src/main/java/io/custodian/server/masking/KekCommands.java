package io.custodian.server.masking;

import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import io.custodian.server.CustodianConfiguration;
import io.custodian.server.StoreCommand;
import io.custodian.server.store.DataDirectory;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** The command-line operations on the key-encryption key: making one, and moving every keyset to a new one. */
public final class KekCommands {
    private KekCommands() {}

    /** {@code java -jar custodian.jar kek-generate <file>}: a new KEK, written owner-only to a new file. */
    public static final class Generate extends Command {
        public Generate() {
            super("kek-generate", "Write a new masking key-encryption key to a new file, readable by its owner only");
        }

        @Override
        public void configure(Subparser subparser) {
            subparser.addArgument("file").help("where to write the key (must not exist)");
        }

        @Override
        public void onError(Cli cli, Namespace namespace, Throwable error) {
            // One line: the file exists or cannot be written; a stack trace says no more.
            cli.getStdErr().println("kek-generate: " + (error.getCause() != null ? error.getCause() : error).getMessage());
        }

        @Override
        public void run(Bootstrap<?> bootstrap, Namespace namespace) {
            Path file = Path.of(namespace.getString("file"));
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + " exists; a key-encryption key is written to a new file only");
            }
            DataDirectory.writePrivate(file, KeyEncryptionKey.generateJson().getBytes(StandardCharsets.UTF_8));
            System.out.println("wrote a key-encryption key with id " + KeyEncryptionKey.fromFile(file).id() + " to "
                    + file + "; point masking.keys.kekFile at it");
        }
    }

    /**
     * {@code java -jar custodian.jar kek-rotate config.yml --new-kek-file <file>}: re-encrypts every
     * stored keyset under the new KEK, in one transaction, with the service stopped; then point
     * {@code masking.keys.kekFile} at the new file and destroy the old one. No token changes.
     */
    public static final class Rotate extends StoreCommand {
        public Rotate() {
            super("kek-rotate", "Re-encrypt every masking keyset under a new key-encryption key (service stopped)");
        }

        @Override
        public void configure(Subparser subparser) {
            super.configure(subparser);
            subparser.addArgument("--new-kek-file").dest("newKekFile").required(true)
                    .help("the new key-encryption key (made with kek-generate)");
        }

        @Override
        protected void run(CatalogDatabase database, Bootstrap<CustodianConfiguration> bootstrap, Namespace namespace,
                CustodianConfiguration config) {
            MaskingFactory.Keys keys = config.getMasking().getKeys();
            KeyEncryptionKey current = MaskingWiring.kek(keys, config.dataPath(),
                    config.getDatabase().isEmbedded(config.dataPath()));
            KeyEncryptionKey next = KeyEncryptionKey.fromFile(Path.of(namespace.getString("newKekFile")));
            Keyring keyring = new Keyring(database.jdbi(), current, keys.getPurposes().keySet(), Clock.systemUTC());
            keyring.start();
            int rewrapped = keyring.rewrap(next);
            System.out.println("re-encrypted " + rewrapped + " keysets from key-encryption key " + current.id()
                    + " to " + next.id() + "; now set masking.keys.kekFile to the new file");
        }
    }
}
