package dev.lanyard.services.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS service namespaces IAM knows (for expanding wildcards such as "*" or "s3*:Get*" in Action elements) and,
 * for the services whose actions AWS tracks at action level (IAM, S3, EC2, Lambda), their actions. Kept as a data
 * file generated from botocore's service models (signing name → namespace, serviceFullName → name): AWS publishes no
 * machine-readable catalog of namespaces, so names can differ slightly from the console's, and a namespace that differs
 * from its signing name (CloudWatch is "monitoring" there) is listed under the signing name.
 */
public final class ServiceLastAccessedCatalog
{
    private static final Map<String, String> NAMES = new LinkedHashMap<>();
    private static final Map<String, List<String>> TRACKED_ACTIONS = new LinkedHashMap<>();

    static {
        try (InputStream in = ServiceLastAccessedCatalog.class.getResourceAsStream("service-namespaces.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (JsonNode service : root.required("services")) {
                NAMES.put(service.required("namespace").asText(), service.required("name").asText());
            }
            root.required("trackedActions").properties().forEach(entry -> {
                List<String> actions = new ArrayList<>();
                entry.getValue().forEach(action -> actions.add(action.asText()));
                TRACKED_ACTIONS.put(entry.getKey(), List.copyOf(actions));
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the service namespace catalog", e);
        }
    }

    private ServiceLastAccessedCatalog() {}

    /** Every namespace of the catalog, in alphabetical order. */
    public static List<String> namespaces()
    {
        return Collections.unmodifiableList(new ArrayList<>(NAMES.keySet()));
    }

    /** The service's name; a namespace the catalog does not know is its own name. */
    public static String name(String namespace)
    {
        return NAMES.getOrDefault(namespace.toLowerCase(Locale.ROOT), namespace);
    }

    /** The actions AWS tracks at action level for this namespace; empty for services it tracks only as a whole. */
    public static Optional<List<String>> trackedActions(String namespace)
    {
        return Optional.ofNullable(TRACKED_ACTIONS.get(namespace.toLowerCase(Locale.ROOT)));
    }
}
