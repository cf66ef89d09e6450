package dev.lanyard.policy;

import dev.lanyard.policy.document.ContextKeys;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class ContextKeysTest
{
    @Test
    void conditionKeysAndVariables()
    {
        var document = PolicyValidation.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/${aws:PrincipalTag/team, 'x'}/${*}",
                "Condition":{"StringLike":{"s3:prefix":"${aws:userid}/*"},"Bool":{"aws:SecureTransport":"true"},"NumericLessThan":{"AWS:MultiFactorAuthAge":"${aws:nope}"}}},
                {"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:SecureTransport":"x"}}}]}""", PolicyUse.IDENTITY);
        assertThat(ContextKeys.referencedBy(List.of(document)))
                .containsExactly("aws:username", "aws:PrincipalTag/team", "s3:prefix", "aws:userid", "aws:SecureTransport", "AWS:MultiFactorAuthAge");
    }

    @Test
    void legacyVersionHasNoVariables()
    {
        var document = PolicyValidation.parse("""
                {"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}"}]}""", PolicyUse.IDENTITY);
        assertThat(ContextKeys.referencedBy(List.of(document))).isEmpty();
    }
}
