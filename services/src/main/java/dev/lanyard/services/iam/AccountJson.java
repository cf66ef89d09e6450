package dev.lanyard.services.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Entity bodies of other families (roles, managed policies, inline policies, MFA devices) read as JSON trees: the
 * account-wide reports need a few of their fields, and a tree keeps this family independent of their records.
 */
final class AccountJson
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AccountJson() {}

    static JsonNode tree(String json)
    {
        try {
            return MAPPER.readTree(json);
        }
        catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** The first of the named fields that is a string, or null. */
    static String text(JsonNode node, String... names)
    {
        for (String name : names) {
            JsonNode value = node.path(name);
            if (value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }
}
