package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;

/**
 * The account's password policy as stored (kind "account-settings", name {@link #NAME}). Fields left out of
 * UpdateAccountPasswordPolicy take IAM's defaults, as AWS does: the update replaces the whole policy.
 */
public record AccountPasswordPolicyBody(
        int minimumPasswordLength,
        boolean requireSymbols,
        boolean requireNumbers,
        boolean requireUppercaseCharacters,
        boolean requireLowercaseCharacters,
        boolean allowUsersToChangePassword,
        Integer maxPasswordAge,
        Integer passwordReusePrevention,
        boolean hardExpiry)
{
    public static final String NAME = "password-policy";

    public static AccountPasswordPolicyBody from(UpdateAccountPasswordPolicyRequest request)
    {
        return new AccountPasswordPolicyBody(
                request.minimumPasswordLength() == null ? 6 : request.minimumPasswordLength(),
                Boolean.TRUE.equals(request.requireSymbols()),
                Boolean.TRUE.equals(request.requireNumbers()),
                Boolean.TRUE.equals(request.requireUppercaseCharacters()),
                Boolean.TRUE.equals(request.requireLowercaseCharacters()),
                Boolean.TRUE.equals(request.allowUsersToChangePassword()),
                request.maxPasswordAge() == null || request.maxPasswordAge() == 0 ? null : request.maxPasswordAge(),
                request.passwordReusePrevention() == null || request.passwordReusePrevention() == 0 ? null : request.passwordReusePrevention(),
                Boolean.TRUE.equals(request.hardExpiry()));
    }

    public PasswordPolicy toSdk()
    {
        return PasswordPolicy.builder()
                .minimumPasswordLength(minimumPasswordLength)
                .requireSymbols(requireSymbols)
                .requireNumbers(requireNumbers)
                .requireUppercaseCharacters(requireUppercaseCharacters)
                .requireLowercaseCharacters(requireLowercaseCharacters)
                .allowUsersToChangePassword(allowUsersToChangePassword)
                .expirePasswords(maxPasswordAge != null)
                .maxPasswordAge(maxPasswordAge)
                .passwordReusePrevention(passwordReusePrevention)
                .hardExpiry(maxPasswordAge == null ? null : hardExpiry)
                .build();
    }
}
