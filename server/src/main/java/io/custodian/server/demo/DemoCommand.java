package io.custodian.server.demo;

import io.custodian.server.CustodianConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code java -jar custodian.jar demo config.yml}: the service, as {@code server} starts it, with
 * the demo shop set up, catalogued and scanned ({@link DemoWiring}).
 */
public final class DemoCommand extends ServerCommand<CustodianConfiguration> {
    public DemoCommand(Application<CustodianConfiguration> application) {
        super(application, "demo", "Start the service with a demo shop database to catalog, scan, search and erase from");
    }

    @Override
    protected void run(Bootstrap<CustodianConfiguration> bootstrap, Namespace namespace,
            CustodianConfiguration configuration) throws Exception {
        configuration.getDemo().setEnabled(true);
        super.run(bootstrap, namespace, configuration);
    }
}
