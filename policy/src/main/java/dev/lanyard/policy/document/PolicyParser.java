package dev.lanyard.policy.document;

import dev.lanyard.policy.MalformedPolicyException;
import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.json.JsonReader;
import dev.lanyard.policy.json.JsonValue;
import dev.lanyard.policy.json.JsonValue.JsonArray;
import dev.lanyard.policy.json.JsonValue.JsonBoolean;
import dev.lanyard.policy.json.JsonValue.JsonNull;
import dev.lanyard.policy.json.JsonValue.JsonNumber;
import dev.lanyard.policy.json.JsonValue.JsonObject;
import dev.lanyard.policy.json.JsonValue.JsonString;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a policy document for one {@link PolicyUse}, with AWS's MalformedPolicyDocument messages.
 *
 * <p>Every element is either understood or refused: an unknown element is a syntax error, never skipped.
 */
public final class PolicyParser
{
    public static final String SYNTAX_ERROR = "Syntax errors in policy.";
    public static final String LEGACY_PARSING = "The policy failed legacy parsing";
    public static final String MISSING_ACTIONS = "Policy statement must contain actions.";
    public static final String MISSING_RESOURCES = "Policy statement must contain resources.";
    public static final String PRINCIPAL_NOT_ALLOWED = "Policy document should not specify a principal.";
    public static final String MISSING_PRINCIPAL = "Missing required field Principal";
    public static final String MISSING_EFFECT = "Missing required field Effect";
    public static final String MISSING_STATEMENT = "Missing required field Statement";
    public static final String RESOURCE_IN_TRUST = "Has prohibited field Resource";
    public static final String ACTION_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    public static final String ACTION_ONE_COLON = "Actions/Condition can contain only one colon.";
    public static final String RESOURCE_VENDOR = "Resource vendor must be fully qualified and cannot contain regexes.";
    public static final String DUPLICATE_SID = "Statement IDs (SID) in a single policy must be unique.";
    public static final String SID_FORMAT = "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*";

    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern ACTION = Pattern.compile("[^:\\s]+:[^:\\s]*");

    private PolicyParser() {}

    public static PolicyDocument parse(String text, PolicyUse use)
    {
        JsonValue root = JsonReader.read(text).orElseThrow(() -> new MalformedPolicyException(SYNTAX_ERROR));
        if (!(root instanceof JsonObject document)) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        requireKnownElements(document, DOCUMENT_ELEMENTS);

        PolicyVersion version = PolicyVersion.V2008_10_17;
        JsonValue versionValue = document.members().get("Version");
        if (versionValue != null) {
            version = switch (versionValue) {
                case JsonString string when string.value().equals("2012-10-17") -> PolicyVersion.V2012_10_17;
                case JsonString string when string.value().equals("2008-10-17") -> PolicyVersion.V2008_10_17;
                default -> throw new MalformedPolicyException(LEGACY_PARSING);
            };
        }

        Optional<String> id = Optional.empty();
        JsonValue idValue = document.members().get("Id");
        if (idValue != null) {
            id = Optional.of(requireString(idValue));
        }

        JsonValue statementValue = document.members().get("Statement");
        if (statementValue == null) {
            throw new MalformedPolicyException(MISSING_STATEMENT);
        }
        List<JsonValue> statementValues = switch (statementValue) {
            case JsonObject single -> List.of(single);
            case JsonArray array -> array.elements();
            default -> throw new MalformedPolicyException(SYNTAX_ERROR);
        };

        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (JsonValue element : statementValues) {
            if (!(element instanceof JsonObject statementObject)) {
                throw new MalformedPolicyException(SYNTAX_ERROR);
            }
            Statement statement = parseStatement(statements.size(), statementObject, use);
            if (statement.sid().isPresent() && !statement.sid().get().isEmpty() && !sids.add(statement.sid().get())) {
                throw new MalformedPolicyException(DUPLICATE_SID);
            }
            statements.add(statement);
        }
        return new PolicyDocument(text, version, id, statements);
    }

    private static Statement parseStatement(int index, JsonObject statement, PolicyUse use)
    {
        requireKnownElements(statement, STATEMENT_ELEMENTS);
        Map<String, JsonValue> members = statement.members();

        Optional<String> sid = Optional.empty();
        if (members.containsKey("Sid")) {
            String value = requireString(members.get("Sid"));
            // IAM restricts Sids to letters and digits; other services' resource policies allow more
            if (use != PolicyUse.RESOURCE && !ALPHANUMERIC.matcher(value).matches()) {
                throw new MalformedPolicyException(SID_FORMAT);
            }
            sid = Optional.of(value);
        }

        JsonValue effectValue = members.get("Effect");
        if (effectValue == null) {
            throw new MalformedPolicyException(MISSING_EFFECT);
        }
        Effect effect = switch (requireString(effectValue)) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            // IAM answers a wrong Effect (even "allow") with its legacy-parser message; S3-style resource policies name it
            case String other -> throw new MalformedPolicyException(use == PolicyUse.RESOURCE ? "Invalid effect: " + other : LEGACY_PARSING);
        };

        Optional<PrincipalElement> principals = parsePrincipals(members, use);
        ElementValues actions = parseActions(members);
        Optional<ElementValues> resources = parseResources(members, use);
        List<ConditionClause> conditions = parseConditions(members.get("Condition"));
        return new Statement(index, sid, effect, actions, resources, principals, conditions, statement.start(), statement.end());
    }

    private static ElementValues parseActions(Map<String, JsonValue> members)
    {
        ElementValues actions = negatable(members, "Action", "NotAction").orElseThrow(() -> new MalformedPolicyException(MISSING_ACTIONS));
        if (actions.values().isEmpty()) {
            throw new MalformedPolicyException(MISSING_ACTIONS);
        }
        for (String action : actions.values()) {
            if (!action.equals("*") && !ACTION.matcher(action).matches()) {
                throw new MalformedPolicyException(action.indexOf(':') != action.lastIndexOf(':') ? ACTION_ONE_COLON : ACTION_VENDOR);
            }
        }
        return actions;
    }

    private static Optional<ElementValues> parseResources(Map<String, JsonValue> members, PolicyUse use)
    {
        Optional<ElementValues> resources = negatable(members, "Resource", "NotResource");
        if (use == PolicyUse.TRUST) {
            if (resources.isPresent()) {
                throw new MalformedPolicyException(RESOURCE_IN_TRUST);
            }
            return resources;
        }
        if (resources.isEmpty() || resources.get().values().isEmpty()) {
            throw new MalformedPolicyException(MISSING_RESOURCES);
        }
        for (String resource : resources.get().values()) {
            validateResource(resource);
        }
        return resources;
    }

    private static void validateResource(String resource)
    {
        if (resource.equals("*")) {
            return;
        }
        String[] parts = resource.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            throw new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
        }
        // the vendor selects the service that owns the resource; AWS does not let a pattern pick it
        if (parts[2].isEmpty() || parts[2].contains("*") || parts[2].contains("?")) {
            throw new MalformedPolicyException(RESOURCE_VENDOR);
        }
    }

    private static Optional<PrincipalElement> parsePrincipals(Map<String, JsonValue> members, PolicyUse use)
    {
        boolean hasPrincipal = members.containsKey("Principal");
        boolean hasNotPrincipal = members.containsKey("NotPrincipal");
        if (use == PolicyUse.IDENTITY || use == PolicyUse.SESSION) {
            if (hasPrincipal || hasNotPrincipal) {
                throw new MalformedPolicyException(PRINCIPAL_NOT_ALLOWED);
            }
            return Optional.empty();
        }
        if (hasPrincipal && hasNotPrincipal) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        if (!hasPrincipal && !hasNotPrincipal) {
            throw new MalformedPolicyException(MISSING_PRINCIPAL);
        }
        JsonValue value = members.get(hasPrincipal ? "Principal" : "NotPrincipal");
        List<PrincipalValue> principals = new ArrayList<>();
        switch (value) {
            case JsonString string when string.value().equals("*") -> principals.add(new PrincipalValue(PrincipalType.ANYONE, "*"));
            case JsonObject object -> {
                for (Map.Entry<String, JsonValue> entry : object.members().entrySet()) {
                    PrincipalType type = principalType(entry.getKey());
                    for (String principal : stringOrList(entry.getValue())) {
                        validatePrincipal(type, principal);
                        principals.add(new PrincipalValue(type, principal));
                    }
                }
                if (principals.isEmpty()) {
                    throw new MalformedPolicyException(MISSING_PRINCIPAL);
                }
            }
            default -> throw new MalformedPolicyException("Invalid principal in policy: " + describe(value));
        }
        return Optional.of(new PrincipalElement(principals, hasNotPrincipal));
    }

    private static PrincipalType principalType(String key)
    {
        for (PrincipalType type : PrincipalType.values()) {
            if (type != PrincipalType.ANYONE && type.jsonName().equals(key)) {
                return type;
            }
        }
        throw new MalformedPolicyException("Invalid principal in policy: \"" + key + "\"");
    }

    private static void validatePrincipal(PrincipalType type, String principal)
    {
        boolean valid = switch (type) {
            case AWS -> principal.equals("*")
                    || ACCOUNT_ID.matcher(principal).matches()
                    || (principal.startsWith("arn:") && principal.split(":", 6).length == 6 && !principal.contains("*") && !principal.contains("?"));
            case SERVICE, FEDERATED, CANONICAL_USER -> !principal.isEmpty() && (principal.equals("*") || (!principal.contains("*") && !principal.contains("?")));
            case ANYONE -> principal.equals("*");
        };
        if (!valid) {
            throw new MalformedPolicyException("Invalid principal in policy: \"" + type.jsonName() + "\":\"" + principal + "\"");
        }
    }

    private static List<ConditionClause> parseConditions(JsonValue value)
    {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonObject operators)) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        List<ConditionClause> clauses = new ArrayList<>();
        for (Map.Entry<String, JsonValue> operatorEntry : operators.members().entrySet()) {
            // a key written directly under Condition (operator forgotten) is a syntax error before it is an unknown operator
            if (!(operatorEntry.getValue() instanceof JsonObject keys)) {
                throw new MalformedPolicyException(SYNTAX_ERROR);
            }
            ConditionOperator operator = ConditionOperator.parse(operatorEntry.getKey())
                    .orElseThrow(() -> new MalformedPolicyException("Invalid Condition type : " + operatorEntry.getKey()));
            for (Map.Entry<String, JsonValue> keyEntry : keys.members().entrySet()) {
                String key = keyEntry.getKey();
                if (key.indexOf(':') <= 0) {
                    throw new MalformedPolicyException(ACTION_VENDOR);
                }
                List<String> values = conditionValues(keyEntry.getValue());
                if (operator.base() == BaseOperator.NULL) {
                    for (String nullValue : values) {
                        if (!nullValue.equalsIgnoreCase("true") && !nullValue.equalsIgnoreCase("false")) {
                            throw new MalformedPolicyException(SYNTAX_ERROR);
                        }
                    }
                }
                clauses.add(new ConditionClause(operator, key, values));
            }
        }
        return clauses;
    }

    private static List<String> conditionValues(JsonValue value)
    {
        if (value instanceof JsonArray array) {
            List<String> values = new ArrayList<>();
            for (JsonValue element : array.elements()) {
                values.add(scalarText(element));
            }
            return values;
        }
        return List.of(scalarText(value));
    }

    private static String scalarText(JsonValue value)
    {
        return switch (value) {
            case JsonString string -> string.value();
            case JsonNumber number -> number.text();
            case JsonBoolean bool -> Boolean.toString(bool.value());
            case JsonNull ignored -> throw new MalformedPolicyException(SYNTAX_ERROR);
            case JsonArray ignored -> throw new MalformedPolicyException(SYNTAX_ERROR);
            case JsonObject ignored -> throw new MalformedPolicyException(SYNTAX_ERROR);
        };
    }

    private static Optional<ElementValues> negatable(Map<String, JsonValue> members, String positive, String negative)
    {
        JsonValue positiveValue = members.get(positive);
        JsonValue negativeValue = members.get(negative);
        if (positiveValue != null && negativeValue != null) {
            throw new MalformedPolicyException(SYNTAX_ERROR);
        }
        if (positiveValue != null) {
            return Optional.of(new ElementValues(stringOrList(positiveValue), false));
        }
        if (negativeValue != null) {
            return Optional.of(new ElementValues(stringOrList(negativeValue), true));
        }
        return Optional.empty();
    }

    private static List<String> stringOrList(JsonValue value)
    {
        if (value instanceof JsonString string) {
            return List.of(string.value());
        }
        if (value instanceof JsonArray array) {
            List<String> values = new ArrayList<>();
            for (JsonValue element : array.elements()) {
                values.add(requireString(element));
            }
            return values;
        }
        throw new MalformedPolicyException(SYNTAX_ERROR);
    }

    private static String requireString(JsonValue value)
    {
        if (value instanceof JsonString string) {
            return string.value();
        }
        throw new MalformedPolicyException(SYNTAX_ERROR);
    }

    private static void requireKnownElements(JsonObject object, Set<String> known)
    {
        for (String name : object.members().keySet()) {
            if (!known.contains(name)) {
                throw new MalformedPolicyException(SYNTAX_ERROR);
            }
        }
    }

    private static String describe(JsonValue value)
    {
        return switch (value) {
            case JsonString string -> "\"" + string.value() + "\"";
            case JsonNumber number -> number.text();
            case JsonBoolean bool -> Boolean.toString(bool.value());
            case JsonNull ignored -> "null";
            case JsonArray ignored -> "[...]";
            case JsonObject ignored -> "{...}";
        };
    }
}
