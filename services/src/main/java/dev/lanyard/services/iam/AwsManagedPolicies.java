package dev.lanyard.services.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The AWS managed policies (arn:aws:iam::aws:policy/...), the same in every account, read once from
 * {@code aws-managed-policies.json}. Customers can attach them but not change them; the policy engine and permissions
 * boundaries read their documents through {@link #byArn}.
 */
public final class AwsManagedPolicies
{
    public static final String ARN_PREFIX = "arn:aws:iam::aws:policy";
    private static final String RESOURCE = "aws-managed-policies.json";

    private static final List<AwsManagedPolicy> POLICIES = load();
    private static final Map<String, AwsManagedPolicy> BY_ARN = index(POLICIES);

    private AwsManagedPolicies() {}

    /**
     * One AWS managed policy and its default version.
     *
     * @param document the default version's document text, as GetPolicyVersion shows it (before URL encoding)
     */
    public record AwsManagedPolicy(String name, String path, String id, String description, Instant createDate, Instant updateDate, String defaultVersionId, String document)
    {
        public AwsManagedPolicy
        {
            requireNonNull(name, "name is null");
            requireNonNull(path, "path is null");
            requireNonNull(id, "id is null");
            requireNonNull(description, "description is null");
            requireNonNull(createDate, "createDate is null");
            requireNonNull(updateDate, "updateDate is null");
            requireNonNull(defaultVersionId, "defaultVersionId is null");
            requireNonNull(document, "document is null");
        }

        public String arn()
        {
            return ARN_PREFIX + path + name;
        }
    }

    public static boolean isAwsManagedArn(String arn)
    {
        return arn.startsWith(ARN_PREFIX + "/");
    }

    /** The policy with this ARN; ARNs are matched exactly, as IAM does (path and name are case-sensitive in ARNs). */
    public static Optional<AwsManagedPolicy> byArn(String arn)
    {
        return Optional.ofNullable(BY_ARN.get(arn));
    }

    /** Every policy, ordered by name ignoring case (the order of ListPolicies). */
    public static List<AwsManagedPolicy> all()
    {
        return POLICIES;
    }

    private static List<AwsManagedPolicy> load()
    {
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream input = AwsManagedPolicies.class.getResourceAsStream(RESOURCE)) {
            if (input == null) {
                throw new IllegalStateException("Missing class path resource " + RESOURCE);
            }
            JsonNode root = mapper.readTree(input);
            List<AwsManagedPolicy> policies = new ArrayList<>();
            for (JsonNode policy : root.get("policies")) {
                policies.add(new AwsManagedPolicy(
                        policy.get("name").asText(),
                        policy.get("path").asText(),
                        policy.get("id").asText(),
                        policy.get("description").asText(),
                        Instant.parse(policy.get("createDate").asText()),
                        Instant.parse(policy.get("updateDate").asText()),
                        policy.get("defaultVersionId").asText(),
                        mapper.writeValueAsString(policy.get("document"))));
            }
            policies.sort(Comparator.comparing(policy -> policy.name().toLowerCase(Locale.ROOT)));
            return List.copyOf(policies);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    private static Map<String, AwsManagedPolicy> index(List<AwsManagedPolicy> policies)
    {
        Map<String, AwsManagedPolicy> byArn = new HashMap<>();
        for (AwsManagedPolicy policy : policies) {
            if (byArn.put(policy.arn(), policy) != null) {
                throw new IllegalStateException("Duplicate AWS managed policy " + policy.arn());
            }
        }
        return Map.copyOf(byArn);
    }
}
