package io.custodian.atlas.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.jaxrs.json.JacksonJaxbJsonProvider;
import com.sun.jersey.api.client.Client;
import com.sun.jersey.api.client.ClientHandlerException;
import com.sun.jersey.api.client.ClientResponse;
import com.sun.jersey.api.client.config.DefaultClientConfig;
import com.sun.jersey.api.client.filter.HTTPBasicAuthFilter;
import com.sun.jersey.client.urlconnection.URLConnectionClientHandler;
import io.custodian.atlas.AtlasSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.atlas.AtlasClientV2;
import org.apache.atlas.AtlasServiceException;
import org.apache.atlas.model.SearchFilter;
import org.apache.atlas.model.discovery.AtlasSearchResult;
import org.apache.atlas.model.discovery.SearchParameters;
import org.apache.atlas.model.instance.AtlasClassification;
import org.apache.atlas.model.instance.AtlasEntity.AtlasEntityWithExtInfo;
import org.apache.atlas.model.instance.AtlasEntityHeader;
import org.apache.atlas.model.instance.ClassificationAssociateRequest;
import org.apache.atlas.model.typedef.AtlasClassificationDef;
import org.apache.atlas.model.typedef.AtlasTypesDef;
import org.apache.commons.configuration.BaseConfiguration;

/**
 * The calls the bridge makes to Atlas's v2 REST API, through {@link AtlasClientV2}, and the one
 * place that knows the client. Atlas's errors become {@link AtlasRequestException}s naming the call
 * and the status; a missing entity or type is an empty result.
 *
 * <p>The client is built on a Jersey 1 client of our own making (basic authentication, the
 * timeouts, Atlas's JSON provider) rather than through the client's own constructors, which load
 * Hadoop's security classes for Kerberos and ZooKeeper for HA: neither is bundled.
 */
public final class AtlasConnection implements AutoCloseable {
    private static final String QUALIFIED_NAME = "qualifiedName";
    private final Client http;
    private final AtlasClientV2 atlas;

    public AtlasConnection(AtlasSettings settings) {
        requireNonNull(settings, "settings is null");
        DefaultClientConfig config = new DefaultClientConfig();
        config.getClasses().add(JacksonJaxbJsonProvider.class);
        http = new Client(new URLConnectionClientHandler(), config);
        http.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        http.setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
        if (settings.authenticates()) {
            http.addFilter(new HTTPBasicAuthFilter(settings.user(), settings.password()));
        }
        BaseConfiguration clientConfig = new BaseConfiguration();
        // The client retries a 503 (Atlas starting, or a passive HA instance) this many times in all.
        clientConfig.setProperty("atlas.client.ha.retries", settings.retries());
        clientConfig.setProperty("atlas.client.ha.sleep.interval.ms", settings.retryInterval().toMillis());
        String base = settings.url().toString();
        atlas = new AtlasClientV2(http.resource(base.endsWith("/") ? base : base + "/"), clientConfig);
    }

    /** Every classification type Atlas has. */
    public List<AtlasClassificationDef> classificationDefs() {
        SearchFilter filter = new SearchFilter();
        filter.setParam(SearchFilter.PARAM_TYPE, "classification");
        AtlasTypesDef types = call("GET typedefs", () -> atlas.getAllTypeDefs(filter));
        return types == null || types.getClassificationDefs() == null ? List.of() : types.getClassificationDefs();
    }

    /** One classification type by name; empty when Atlas has none of that name. */
    public Optional<AtlasClassificationDef> classificationDef(String name) {
        return optional("GET classificationdef", () -> atlas.getClassificationDefByName(name));
    }

    public void createTypes(List<AtlasClassificationDef> defs) {
        AtlasTypesDef types = new AtlasTypesDef();
        types.setClassificationDefs(defs);
        call("POST typedefs", () -> atlas.createAtlasTypeDefs(types));
    }

    public void updateTypes(List<AtlasClassificationDef> defs) {
        AtlasTypesDef types = new AtlasTypesDef();
        types.setClassificationDefs(defs);
        call("PUT typedefs", () -> atlas.updateAtlasTypeDefs(types));
    }

    /** An entity by type and qualified name, with the entities it refers to (a table's columns); empty when absent. */
    public Optional<AtlasEntityWithExtInfo> entity(String type, String qualifiedName) {
        return optional("GET entity " + type, () -> atlas.getEntityByAttribute(type, Map.of(QUALIFIED_NAME, qualifiedName)));
    }

    public void addClassifications(String type, String qualifiedName, List<AtlasClassification> classifications) {
        run("POST classifications " + type,
                () -> atlas.addClassifications(type, Map.of(QUALIFIED_NAME, qualifiedName), classifications));
    }

    public void updateClassifications(String type, String qualifiedName, List<AtlasClassification> classifications) {
        run("PUT classifications " + type,
                () -> atlas.updateClassifications(type, Map.of(QUALIFIED_NAME, qualifiedName), classifications));
    }

    public void removeClassification(String type, String qualifiedName, String classification) {
        run("DELETE classification " + type,
                () -> atlas.removeClassification(type, Map.of(QUALIFIED_NAME, qualifiedName), classification));
    }

    /** Attaches one classification to many entities at once. */
    public void addToEntities(AtlasClassification classification, List<String> guids) {
        ClassificationAssociateRequest request = new ClassificationAssociateRequest(guids, classification);
        run("POST bulk classification", () -> atlas.addClassification(request));
    }

    /** One page of a basic search; empty past the last page. */
    public List<AtlasEntityHeader> search(SearchParameters parameters) {
        AtlasSearchResult result = call("POST search/basic",
                () -> atlas.callAPI(AtlasClientV2.API_V2.BASIC_SEARCH, AtlasSearchResult.class, parameters));
        return result == null || result.getEntities() == null ? List.of() : result.getEntities();
    }

    @Override
    public void close() {
        http.destroy();
    }

    private interface Call<T> {
        T call() throws AtlasServiceException;
    }

    private interface Action {
        void run() throws AtlasServiceException;
    }

    private static void run(String operation, Action action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private static <T> Optional<T> optional(String operation, Call<T> call) {
        try {
            return Optional.ofNullable(call(operation, call));
        } catch (AtlasRequestException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> T call(String operation, Call<T> call) {
        try {
            return call.call();
        } catch (AtlasServiceException e) {
            ClientResponse.Status status = e.getStatus();
            // A status Jersey 1 has no constant for (429) comes without one: reported as 0.
            int code = status == null ? 0 : status.getStatusCode();
            throw new AtlasRequestException(operation, code, "Atlas answered " + (code == 0 ? "an error" : code)
                    + (status == null ? "" : " " + status.getReasonPhrase()) + " to " + operation, null);
        } catch (ClientHandlerException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new AtlasRequestException(operation, 0, "Atlas could not be reached for " + operation + " ("
                    + cause.getClass().getSimpleName() + ")", null);
        }
    }
}
