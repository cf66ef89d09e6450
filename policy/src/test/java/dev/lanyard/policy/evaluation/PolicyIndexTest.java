package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index on the benchmark's shape (10 policies, 50 statements with wildcards and conditions): a request visits only the
 * statements that can match its action. The speed itself is measured by bench's PolicyEngineBenchmark (JMH).
 */
final class PolicyIndexTest
{
    private static final String[] SERVICES = {"s3", "ec2", "iam", "sqs", "sns", "dynamodb", "lambda", "kms", "logs", "cloudwatch"};

    static PolicySet tenPoliciesFiftyStatements()
    {
        List<CompiledPolicy> policies = new ArrayList<>();
        for (int policy = 0; policy < 10; policy++) {
            String service = SERVICES[policy];
            StringBuilder text = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
            for (int statement = 0; statement < 5; statement++) {
                if (statement > 0) {
                    text.append(',');
                }
                text.append(switch (statement) {
                    case 0 -> "{\"Effect\":\"Allow\",\"Action\":[\"" + service + ":Get*\",\"" + service + ":List*\"],\"Resource\":\"arn:aws:" + service + ":*:111122223333:*\"}";
                    case 1 -> "{\"Effect\":\"Allow\",\"Action\":\"" + service + ":Describe*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:RequestedRegion\":[\"eu-west-1\",\"us-east-1\"]}}}";
                    case 2 -> "{\"Effect\":\"Deny\",\"Action\":\"" + service + ":Delete*\",\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}";
                    case 3 -> "{\"Effect\":\"Allow\",\"Action\":\"" + service + ":Put*\",\"Resource\":\"arn:aws:" + service + ":*:111122223333:${aws:username}/*\","
                            + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]},\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}}";
                    default -> "{\"Effect\":\"Allow\",\"Action\":\"" + service + ":Tag*\",\"Resource\":\"*\",\"Condition\":{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"team-*\",\"env\"]}}}";
                });
            }
            text.append("]}");
            policies.add(CompiledPolicy.compile("policy" + policy, PolicyValidation.parse(text.toString(), PolicyUse.IDENTITY)));
        }
        return PolicySet.identityOnly(policies);
    }

    static RequestContext request(String action, String resource)
    {
        return RequestContext.builder(RequestPrincipal.user("111122223333", "arn:aws:iam::111122223333:user/bob"), action, resource)
                .putString("aws:username", "bob")
                .putString("aws:RequestedRegion", "eu-west-1")
                .put("aws:SourceIp", ContextValue.ipAddress("10.1.2.3"))
                .put("aws:CurrentTime", ContextValue.date(Instant.parse("2026-11-23T12:00:00Z")))
                .put("aws:MultiFactorAuthPresent", ContextValue.bool(true))
                .putAll("aws:TagKeys", List.of(ContextValue.string("team-a"), ContextValue.string("env")))
                .build();
    }

    @Test
    void indexVisitsOnlyCandidates()
    {
        PolicySet policySet = tenPoliciesFiftyStatements();
        assertThat(policySet.identity().candidateCount(request("s3:GetObject", "arn:aws:s3:::b/k"))).isEqualTo(5);
        assertThat(policySet.identity().candidateCount(request("kms:Decrypt", "*"))).isEqualTo(5);
        assertThat(policySet.identity().candidateCount(request("athena:StartQueryExecution", "*"))).isZero();
        assertThat(policySet.identity().outcome(request("s3:GetObject", "arn:aws:s3:eu-west-1:111122223333:b/k"))).isEqualTo(EvaluationResult.ALLOWED);
        assertThat(policySet.identity().outcome(request("athena:StartQueryExecution", "*"))).isEqualTo(EvaluationResult.IMPLICIT_DENY);
    }
}
