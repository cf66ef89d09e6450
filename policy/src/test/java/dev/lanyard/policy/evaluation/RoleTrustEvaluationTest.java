package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role's trust policy differs from other resource policies: it must allow. Identity policies alone never assume a role;
 * within one account a trust policy naming the user itself needs no identity policy; naming the account defers to them.
 */
class RoleTrustEvaluationTest
{
    private static final String ROLE = "arn:aws:iam::111122223333:role/Admin";
    private static final String USER = "arn:aws:iam::111122223333:user/alice";

    private static PolicyGroup trust(String principal, String condition)
    {
        String text = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"sts:AssumeRole\"" + condition + "}}";
        return PolicyGroup.roleTrust(List.of(CompiledPolicy.compile("trust", PolicyValidation.parse(text, PolicyUse.TRUST))));
    }

    private static PolicySet identity(boolean allowsAssumeRole)
    {
        String action = allowsAssumeRole ? "sts:AssumeRole" : "s3:GetObject";
        String text = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}}";
        return PolicySet.identityOnly(List.of(CompiledPolicy.compile("identity", PolicyValidation.parse(text, PolicyUse.IDENTITY))));
    }

    private static RequestContext request(String principalAccount, String principalArn, boolean mfa)
    {
        return RequestContext.builder(RequestPrincipal.user(principalAccount, principalArn), "sts:AssumeRole", ROLE)
                .resourceAccount("111122223333")
                .put("aws:MultiFactorAuthPresent", ContextValue.bool(mfa))
                .build();
    }

    @Test
    void identityAloneNeverAssumesARole()
    {
        Decision decision = identity(true).decide(request("111122223333", USER, true), Optional.of(trust("arn:aws:iam::444455556666:root", "")));
        assertThat(decision.result()).isEqualTo(EvaluationResult.IMPLICIT_DENY);
        assertThat(decision.layer()).isEqualTo(PolicyLayer.RESOURCE);
    }

    @Test
    void trustNamingTheUserNeedsNoIdentityPolicyInTheSameAccount()
    {
        assertThat(identity(false).decide(request("111122223333", USER, false), Optional.of(trust(USER, ""))).allowed()).isTrue();
    }

    @Test
    void trustNamingTheAccountDefersToIdentityPolicies()
    {
        assertThat(identity(false).decide(request("111122223333", USER, false), Optional.of(trust("arn:aws:iam::111122223333:root", ""))).allowed()).isFalse();
        assertThat(identity(true).decide(request("111122223333", USER, false), Optional.of(trust("arn:aws:iam::111122223333:root", ""))).allowed()).isTrue();
    }

    @Test
    void trustConditionsMustHoldEvenWhenIdentityAllows()
    {
        PolicyGroup mfaRequired = trust(USER, ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}");
        assertThat(identity(true).decide(request("111122223333", USER, false), Optional.of(mfaRequired)).allowed()).isFalse();
        assertThat(identity(true).decide(request("111122223333", USER, true), Optional.of(mfaRequired)).allowed()).isTrue();
    }

    @Test
    void crossAccountNeedsBothSides()
    {
        String otherUser = "arn:aws:iam::444455556666:user/david";
        PolicyGroup trustOtherAccount = trust("arn:aws:iam::444455556666:root", "");
        assertThat(identity(false).decide(request("444455556666", otherUser, false), Optional.of(trustOtherAccount)).allowed()).isFalse();
        assertThat(identity(true).decide(request("444455556666", otherUser, false), Optional.of(trustOtherAccount)).allowed()).isTrue();
        assertThat(identity(true).decide(request("444455556666", otherUser, false), Optional.of(trust("arn:aws:iam::999988887777:root", ""))).allowed()).isFalse();
    }
}
