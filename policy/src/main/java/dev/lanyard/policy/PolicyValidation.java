package dev.lanyard.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-time check of policy documents that IAM and STS call: AWS's rules per {@link PolicyUse}, with AWS's messages.
 *
 * <p>Placeholder until the policy engine lands: checks only that the text is a JSON object and collects AWS principals.
 */
public final class PolicyValidation
{
    private static final JsonFactory JSON = new JsonFactory();

    private PolicyValidation() {}

    public static ValidatedPolicy validate(String text, PolicyUse use)
    {
        List<String> principals = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedPolicyException("Syntax errors in policy.");
            }
            collectPrincipals(parser, principals);
            if (parser.nextToken() != null) {
                throw new MalformedPolicyException("Syntax errors in policy.");
            }
        }
        catch (IOException malformed) {
            throw new MalformedPolicyException("Syntax errors in policy.");
        }
        return new ValidatedPolicy(text, principals);
    }

    private static void collectPrincipals(JsonParser parser, List<String> principals)
            throws IOException
    {
        int depth = 1;
        boolean inPrincipal = false;
        int principalDepth = 0;
        String principalType = null;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new MalformedPolicyException("Syntax errors in policy.");
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> {
                    depth--;
                    if (inPrincipal && depth < principalDepth) {
                        inPrincipal = false;
                    }
                }
                case FIELD_NAME -> {
                    String name = parser.currentName();
                    if (!inPrincipal && (name.equals("Principal") || name.equals("NotPrincipal"))) {
                        inPrincipal = true;
                        principalDepth = depth + 1;
                    }
                    else if (inPrincipal) {
                        principalType = name;
                    }
                }
                case VALUE_STRING -> {
                    if (inPrincipal && "AWS".equals(principalType)) {
                        principals.add(parser.getText());
                    }
                }
                default -> {
                }
            }
        }
    }
}
