package dev.lanyard.policy;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A policy document that passed validation for its use.
 *
 * @param text the document exactly as given
 * @param awsPrincipals every value of a Principal or NotPrincipal "AWS" element, in document order, as written
 *        (ARNs, account ids, "*"); IAM stores user and role ARNs among them as unique ids
 */
public record ValidatedPolicy(String text, List<String> awsPrincipals)
{
    public ValidatedPolicy
    {
        requireNonNull(text, "text is null");
        awsPrincipals = List.copyOf(requireNonNull(awsPrincipals, "awsPrincipals is null"));
    }
}
