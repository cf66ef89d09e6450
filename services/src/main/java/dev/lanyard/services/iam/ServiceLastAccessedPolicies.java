package dev.lanyard.services.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.iam.ManagedPolicyDocuments.ManagedPolicyDocument;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;
import software.amazon.awssdk.services.iam.model.PolicyType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Which services and actions a principal's policies allow, for the access advisor operations
 * (GenerateServiceLastAccessedDetails, ListPoliciesGrantingServiceAccess). A policy "grants access to a service" when
 * one of its Allow statements has an Action matching an action of that namespace ("*", "iam:*", "iam:Get*",
 * "s3*:List*"), or a NotAction that leaves some action of the namespace allowed. As in AWS's access advisor, the
 * statement's Resource and Condition and any Deny statements are not weighed: the report says which services the
 * policies allow, not whether a given request would be authorized.
 */
public final class ServiceLastAccessedPolicies
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServiceLastAccessedPolicies() {}

    /** One policy that applies to a principal: inline (owned by a user, group or role) or managed (ARN set). */
    public record ApplicablePolicy(String policyName, PolicyType type, String policyArn, PolicyOwnerEntityType ownerType, String ownerName, String document)
    {
        public ApplicablePolicy
        {
            requireNonNull(policyName, "policyName is null");
            requireNonNull(type, "type is null");
            requireNonNull(document, "document is null");
        }
    }

    /** The inline and managed policies of a user (including its groups'), a group or a role. */
    public static List<ApplicablePolicy> forPrincipal(ReadTransaction transaction, String accountId, String kind, Entity principal)
    {
        List<ApplicablePolicy> policies = new ArrayList<>(own(transaction, accountId, kind, principal));
        if (kind.equals(EntityKinds.USER)) {
            for (Entity group : UserEntities.groupsOf(transaction, accountId, principal.id())) {
                policies.addAll(own(transaction, accountId, EntityKinds.GROUP, group));
            }
        }
        return policies;
    }

    private static List<ApplicablePolicy> own(ReadTransaction transaction, String accountId, String kind, Entity principal)
    {
        PolicyOwnerEntityType ownerType = switch (kind) {
            case EntityKinds.USER -> PolicyOwnerEntityType.USER;
            case EntityKinds.GROUP -> PolicyOwnerEntityType.GROUP;
            case EntityKinds.ROLE -> PolicyOwnerEntityType.ROLE;
            default -> throw new IllegalArgumentException("Not a principal kind: " + kind);
        };
        List<ApplicablePolicy> policies = new ArrayList<>();
        for (InlinePolicies.InlinePolicy inline : InlinePolicies.forOwner(transaction, accountId, kind, principal.id())) {
            policies.add(new ApplicablePolicy(inline.policyName(), PolicyType.INLINE, null, ownerType, principal.name(), inline.document()));
        }
        for (ManagedPolicyDocument managed : ManagedPolicyDocuments.attached(transaction, accountId, kind, principal.id())) {
            policies.add(new ApplicablePolicy(managed.name(), PolicyType.MANAGED, managed.arn(), null, null, managed.document()));
        }
        return policies;
    }

    /** The namespaces a document allows: those named outright, and those of the catalog a wildcard or NotAction reaches. */
    public static TreeSet<String> allowedNamespaces(String document)
    {
        TreeSet<String> namespaces = new TreeSet<>();
        for (JsonNode statement : allowStatements(document)) {
            List<String> actions = strings(statement.get("Action"));
            List<String> notActions = strings(statement.get("NotAction"));
            for (String action : actions) {
                String namespacePattern = namespacePart(action);
                if (hasWildcard(namespacePattern)) {
                    ServiceLastAccessedCatalog.namespaces().stream().filter(namespace -> matches(namespacePattern, namespace)).forEach(namespaces::add);
                }
                else {
                    namespaces.add(namespacePattern.toLowerCase(Locale.ROOT));
                }
            }
            if (statement.has("NotAction")) {
                for (String namespace : ServiceLastAccessedCatalog.namespaces()) {
                    // A namespace stays allowed unless a NotAction entry covers all of its actions ("*", "ns:*").
                    boolean excludedEntirely = notActions.stream().anyMatch(pattern -> matches(namespacePart(pattern), namespace) && actionPart(pattern).equals("*"));
                    if (!excludedEntirely) {
                        namespaces.add(namespace);
                    }
                }
            }
        }
        return namespaces;
    }

    /** Whether a document allows some action of the namespace. */
    public static boolean allowsNamespace(String document, String namespace)
    {
        String lower = namespace.toLowerCase(Locale.ROOT);
        for (JsonNode statement : allowStatements(document)) {
            for (String action : strings(statement.get("Action"))) {
                if (matches(namespacePart(action), lower)) {
                    return true;
                }
            }
            if (statement.has("NotAction")) {
                boolean excludedEntirely = strings(statement.get("NotAction")).stream()
                        .anyMatch(pattern -> matches(namespacePart(pattern), lower) && actionPart(pattern).equals("*"));
                if (!excludedEntirely) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The actions of {@code candidates} (names without namespace) that a document allows in the namespace. */
    public static TreeSet<String> allowedActions(String document, String namespace, List<String> candidates)
    {
        TreeSet<String> allowed = new TreeSet<>();
        for (JsonNode statement : allowStatements(document)) {
            List<String> actions = strings(statement.get("Action"));
            List<String> notActions = strings(statement.get("NotAction"));
            for (String candidate : candidates) {
                if (actions.stream().anyMatch(pattern -> matchesAction(pattern, namespace, candidate))) {
                    allowed.add(candidate);
                }
                if (statement.has("NotAction") && notActions.stream().noneMatch(pattern -> matchesAction(pattern, namespace, candidate))) {
                    allowed.add(candidate);
                }
            }
        }
        return allowed;
    }

    private static boolean matchesAction(String pattern, String namespace, String action)
    {
        return matches(namespacePart(pattern), namespace) && matches(actionPart(pattern), action);
    }

    private static List<JsonNode> allowStatements(String document)
    {
        JsonNode root;
        try {
            root = MAPPER.readTree(document);
        }
        catch (JsonProcessingException e) {
            // Stored documents were validated on write; one that does not parse grants nothing.
            return List.of();
        }
        if (root == null) {
            return List.of();
        }
        JsonNode statements = root.path("Statement");
        List<JsonNode> result = new ArrayList<>();
        if (statements.isObject()) {
            statements = MAPPER.createArrayNode().add(statements);
        }
        for (JsonNode statement : statements) {
            if (statement.isObject() && "Allow".equals(statement.path("Effect").asText())) {
                result.add(statement);
            }
        }
        return result;
    }

    private static List<String> strings(JsonNode node)
    {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> values = new ArrayList<>();
        node.forEach(value -> {
            if (value.isTextual()) {
                values.add(value.asText());
            }
        });
        return values;
    }

    /** "iam:Get*" → "iam"; "*" → "*" (every namespace). */
    private static String namespacePart(String action)
    {
        int colon = action.indexOf(':');
        return colon < 0 ? action : action.substring(0, colon);
    }

    /** "iam:Get*" → "Get*"; "*" → "*". */
    private static String actionPart(String action)
    {
        int colon = action.indexOf(':');
        return colon < 0 ? "*" : action.substring(colon + 1);
    }

    private static boolean hasWildcard(String pattern)
    {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /** IAM's action matching: case-insensitive, "*" any run of characters, "?" one character. */
    static boolean matches(String pattern, String value)
    {
        StringBuilder regex = new StringBuilder();
        for (char character : pattern.toCharArray()) {
            switch (character) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }
}
