package dev.lanyard.policy;

import dev.lanyard.policy.document.PolicyDocument;
import dev.lanyard.policy.document.PolicyParser;
import dev.lanyard.policy.document.PrincipalType;
import dev.lanyard.policy.document.PrincipalValue;
import dev.lanyard.policy.document.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * The write-time check of policy documents that IAM and STS call: AWS's rules per {@link PolicyUse}, with AWS's messages.
 *
 * <p>Use {@link #parse} to keep the parsed document for compiling; {@link #validate} is the stable entry point for
 * services that only store the text.
 */
public final class PolicyValidation
{
    private PolicyValidation() {}

    public static ValidatedPolicy validate(String text, PolicyUse use)
    {
        PolicyDocument document = parse(text, use);
        List<String> principals = new ArrayList<>();
        for (Statement statement : document.statements()) {
            statement.principals().ifPresent(element -> {
                for (PrincipalValue principal : element.principals()) {
                    if (principal.type() == PrincipalType.AWS) {
                        principals.add(principal.value());
                    }
                }
            });
        }
        return new ValidatedPolicy(text, principals);
    }

    public static PolicyDocument parse(String text, PolicyUse use)
    {
        return PolicyParser.parse(text, use);
    }
}
