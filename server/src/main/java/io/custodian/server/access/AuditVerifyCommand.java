package io.custodian.server.access;

import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditVerification;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.server.CommandFailure;
import io.custodian.server.CustodianConfiguration;
import io.custodian.server.StoreCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar custodian.jar audit-verify config.yml}: walks the audit log's hash chain; exits
 * 0 when it is intact, 1 when an entry was edited or removed, and 3 when the embedded store is held
 * by a running service (then {@code GET /api/v1/audit/verify} asks the service itself).
 */
public final class AuditVerifyCommand extends StoreCommand {
    public AuditVerifyCommand() {
        super("audit-verify", "Check that no audit log entry was edited or deleted");
    }

    @Override
    protected void run(CatalogDatabase database, Bootstrap<CustodianConfiguration> bootstrap, Namespace namespace,
            CustodianConfiguration config) {
        AuditVerification result = new AuditLog(database.jdbi(), Clock.systemUTC()).verify();
        if (result.intact()) {
            System.out.println("audit log intact: " + result.entries() + " entries verified");
            return;
        }
        System.out.println("audit log TAMPERED: " + result.problem().orElse("")
                + " (" + result.entries() + " entries verified before it)");
        throw new CommandFailure(CommandFailure.BROKEN_CHAIN, "the audit log's hash chain is broken at entry "
                + result.firstBrokenSeq().orElseThrow());
    }
}
