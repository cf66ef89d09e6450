package dev.lanyard.policy.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class DenialMessageTest
{
    @Test
    void awsWording()
    {
        Decision implicit = new Decision(EvaluationResult.IMPLICIT_DENY, PolicyLayer.IDENTITY, List.of());
        assertThat(DenialMessage.of(implicit, "arn:aws:iam::111122223333:user/bob", "iam:CreateUser", "arn:aws:iam::111122223333:user/x"))
                .isEqualTo("User: arn:aws:iam::111122223333:user/bob is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111122223333:user/x"
                        + " because no identity-based policy allows the iam:CreateUser action");
        Decision explicit = new Decision(EvaluationResult.EXPLICIT_DENY, PolicyLayer.IDENTITY, List.of());
        assertThat(DenialMessage.of(explicit, "arn:aws:iam::111122223333:user/bob", "iam:CreateUser", "arn:aws:iam::111122223333:user/x"))
                .endsWith(" with an explicit deny in an identity-based policy");
        Decision boundary = new Decision(EvaluationResult.IMPLICIT_DENY, PolicyLayer.PERMISSIONS_BOUNDARY, List.of());
        assertThat(DenialMessage.of(boundary, "u", "s3:GetObject", "r")).endsWith(" because no permissions boundary allows the s3:GetObject action");
        Decision scp = new Decision(EvaluationResult.EXPLICIT_DENY, PolicyLayer.ORGANIZATION, List.of());
        assertThat(DenialMessage.of(scp, "u", "s3:GetObject", "r")).endsWith(" with an explicit deny in a service control policy");
    }
}
