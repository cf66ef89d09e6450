package dev.lanyard.services.iam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The AWS principals of a role's trust policy, as IAM keeps them: an ARN naming an IAM user or role is bound to that
 * principal's unique id when the policy is saved, and shown back as the ARN only while an entity with that id exists.
 * A deleted principal shows as its bare unique id, and a recreated namesake (a new id) is not trusted. An account id is
 * shown as the account's root ARN, as IAM shows it.
 *
 * <p>The document text is kept exactly as given; the substitutions are made on the string tokens of
 * {@code Principal.AWS} / {@code NotPrincipal.AWS} only, so the rest of the text (formatting included) is untouched.
 */
public final class TrustPolicyPrincipals
{
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern IAM_PRINCIPAL_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):(user|role)(/.*/|/)([^/]+)");
    private static final Pattern ROOT_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):root");
    private static final Pattern ASSUMED_ROLE_ARN = Pattern.compile("arn:aws:sts::(\\d{12}):assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+");
    private static final Pattern UNIQUE_ID = Pattern.compile("(AROA|AIDA)[A-Z0-9]{17}");

    private TrustPolicyPrincipals() {}

    /**
     * A user or role named in a trust policy, bound to its unique id when the policy was saved.
     *
     * @param arn the ARN as written in the document
     * @param accountId the principal's account (any account of this store)
     * @param kind {@link EntityKinds#USER} or {@link EntityKinds#ROLE}
     * @param uniqueId the id of the entity the ARN named at save time
     */
    public record StoredPrincipal(String arn, String accountId, String kind, String uniqueId)
    {
        public StoredPrincipal
        {
            requireNonNull(arn, "arn is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(uniqueId, "uniqueId is null");
        }
    }

    /**
     * Binds every user and role ARN among the document's AWS principals to the unique id of the entity it names now.
     * Throws MalformedPolicyDocument "Invalid principal in policy" for a principal that names no existing user or role
     * or that is not a principal IAM accepts.
     */
    public static List<StoredPrincipal> bind(ReadTransaction transaction, String document)
    {
        List<StoredPrincipal> bound = new ArrayList<>();
        Map<String, StoredPrincipal> seen = new HashMap<>();
        rewrite(document, principal -> {
            if (principal.equals("*") || ACCOUNT_ID.matcher(principal).matches() || ROOT_ARN.matcher(principal).matches()
                    || ASSUMED_ROLE_ARN.matcher(principal).matches() || UNIQUE_ID.matcher(principal).matches()) {
                return principal;
            }
            Matcher arn = IAM_PRINCIPAL_ARN.matcher(principal);
            if (!arn.matches()) {
                throw invalidPrincipal(principal);
            }
            if (seen.containsKey(principal)) {
                return principal;
            }
            String accountId = arn.group(1);
            String kind = arn.group(2).equals("user") ? EntityKinds.USER : EntityKinds.ROLE;
            String path = arn.group(3);
            Optional<Entity> entity = transaction.entityByName(accountId, kind, arn.group(4))
                    .filter(found -> found.path().equals(path));
            if (entity.isEmpty()) {
                throw invalidPrincipal(principal);
            }
            StoredPrincipal stored = new StoredPrincipal(principal, accountId, kind, entity.get().id());
            seen.put(principal, stored);
            bound.add(stored);
            return principal;
        });
        return List.copyOf(bound);
    }

    /**
     * The document as GetRole and friends show it: each bound ARN replaced by the current ARN of the entity with the
     * stored unique id, or by the bare unique id when no such entity exists any more; account ids as root ARNs.
     */
    public static String display(ReadTransaction transaction, String document, List<StoredPrincipal> principals)
    {
        if (!document.contains("Principal")) {
            return document;
        }
        Map<String, StoredPrincipal> byArn = byArn(principals);
        return rewrite(document, principal -> {
            if (ACCOUNT_ID.matcher(principal).matches()) {
                return IamArns.root(principal);
            }
            StoredPrincipal stored = byArn.get(principal);
            if (stored == null) {
                return principal;
            }
            return transaction.entityById(stored.accountId(), stored.kind(), stored.uniqueId())
                    .map(entity -> IamArns.of(entity.accountId(), entity.kind(), entity.path(), entity.name()))
                    .orElse(stored.uniqueId());
        });
    }

    /**
     * The document as the trust decision must read it (for STS's AssumeRole): every bound user or role ARN replaced by
     * the unique id it was bound to, account ids by root ARNs. A caller matches such a principal only by its own unique
     * id, so a recreated namesake never matches.
     */
    public static String evaluationDocument(String document, List<StoredPrincipal> principals)
    {
        Map<String, StoredPrincipal> byArn = byArn(principals);
        return rewrite(document, principal -> {
            if (ACCOUNT_ID.matcher(principal).matches()) {
                return IamArns.root(principal);
            }
            StoredPrincipal stored = byArn.get(principal);
            return stored == null ? principal : stored.uniqueId();
        });
    }

    private static Map<String, StoredPrincipal> byArn(List<StoredPrincipal> principals)
    {
        Map<String, StoredPrincipal> byArn = new HashMap<>();
        for (StoredPrincipal principal : principals) {
            byArn.put(principal.arn(), principal);
        }
        return byArn;
    }

    private static software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException invalidPrincipal(String principal)
    {
        return IamErrors.malformedPolicy("Invalid principal in policy: \"AWS\":\"" + principal + "\"");
    }

    /** Applies {@code replacement} to every string of a Principal/NotPrincipal "AWS" element and splices the results into the text. */
    static String rewrite(String document, Function<String, String> replacement)
    {
        List<int[]> spans = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(document)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_OBJECT) {
                return document;
            }
            walkObject(parser, document, spans, values);
        }
        catch (IOException malformed) {
            // Validation has accepted the document before this runs; an unreadable one is shown unchanged.
            return document;
        }
        StringBuilder result = new StringBuilder(document.length() + 64);
        int position = 0;
        for (int index = 0; index < spans.size(); index++) {
            String value = values.get(index);
            String replaced = replacement.apply(value);
            int[] span = spans.get(index);
            result.append(document, position, span[0]);
            if (replaced.equals(value)) {
                result.append(document, span[0], span[1]);
            }
            else {
                result.append('"').append(JsonStringEncoder.getInstance().quoteAsString(replaced)).append('"');
            }
            position = span[1];
        }
        result.append(document, position, document.length());
        return result.toString();
    }

    private static void walkObject(JsonParser parser, String document, List<int[]> spans, List<String> values)
            throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ((field.equals("Principal") || field.equals("NotPrincipal")) && value == JsonToken.START_OBJECT) {
                walkPrincipal(parser, document, spans, values);
            }
            else {
                walkValue(parser, value, document, spans, values);
            }
        }
    }

    private static void walkValue(JsonParser parser, JsonToken value, String document, List<int[]> spans, List<String> values)
            throws IOException
    {
        if (value == JsonToken.START_OBJECT) {
            walkObject(parser, document, spans, values);
        }
        else if (value == JsonToken.START_ARRAY) {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                walkValue(parser, element, document, spans, values);
            }
        }
    }

    private static void walkPrincipal(JsonParser parser, String document, List<int[]> spans, List<String> values)
            throws IOException
    {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String type = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!type.equals("AWS")) {
                parser.skipChildren();
                continue;
            }
            if (value == JsonToken.VALUE_STRING) {
                record(parser, document, spans, values);
            }
            else if (value == JsonToken.START_ARRAY) {
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (element == JsonToken.VALUE_STRING) {
                        record(parser, document, spans, values);
                    }
                    else {
                        parser.skipChildren();
                    }
                }
            }
            else {
                parser.skipChildren();
            }
        }
    }

    private static void record(JsonParser parser, String document, List<int[]> spans, List<String> values)
            throws IOException
    {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        // The token starts at its opening quote; find the closing one, stepping over escapes.
        int end = start + 1;
        while (document.charAt(end) != '"') {
            end += document.charAt(end) == '\\' ? 2 : 1;
        }
        spans.add(new int[] {start, end + 1});
        values.add(parser.getText());
    }
}
