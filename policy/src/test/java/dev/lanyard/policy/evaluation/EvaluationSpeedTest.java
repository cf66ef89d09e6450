package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke measurement of the benchmark shape (10 policies, 50 statements with wildcards and conditions) and of
 * the index; the real benchmark belongs in the bench module with JMH. Prints the median so runs can be compared.
 */
final class EvaluationSpeedTest
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
    void requestContextConstruction()
    {
        long sink = 0;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 40; round++) {
            long start = System.nanoTime();
            for (int index = 0; index < 10_000; index++) {
                sink += request("s3:GetObject", "arn:aws:s3:::b/k").action().length();
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf("request context with 7 keys: best %.0f ns (sink %d)%n", best / 10_000.0, sink);
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

    @Test
    void medianDecisionTime()
    {
        measure(true);
        measure(false);
    }

    private static void measure(boolean explain)
    {
        PolicySet policySet = tenPoliciesFiftyStatements();
        RequestContext[] requests = {
                request("s3:GetObject", "arn:aws:s3:us-east-1:111122223333:bucket/key"),
                request("ec2:DescribeInstances", "*"),
                request("kms:PutKeyPolicy", "arn:aws:kms:eu-west-1:111122223333:bob/key"),
                request("dynamodb:DeleteTable", "arn:aws:dynamodb:eu-west-1:111122223333:table/t"),
                request("lambda:TagResource", "arn:aws:lambda:eu-west-1:111122223333:function:f"),
                request("athena:StartQueryExecution", "*"),
        };
        assertThat(policySet.decide(requests[0]).allowed()).isTrue();
        assertThat(policySet.decide(requests[2]).allowed()).isTrue();
        assertThat(policySet.decide(requests[3]).allowed()).isFalse();

        int batch = 10_000;
        long[] batchNanos = new long[60];
        long sink = 0;
        var threadBean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = 0;
        for (int round = 0; round < batchNanos.length; round++) {
            if (round == batchNanos.length / 2) {
                allocatedBefore = threadBean.getCurrentThreadAllocatedBytes();
            }
            long start = System.nanoTime();
            for (int index = 0; index < batch; index++) {
                RequestContext request = requests[index % requests.length];
                Decision decision = explain ? policySet.decide(request) : policySet.evaluate(request, java.util.Optional.empty());
                sink += decision.matchedStatements().size() + decision.layer().ordinal();
            }
            batchNanos[round] = System.nanoTime() - start;
        }
        long allocated = threadBean.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long[] warm = Arrays.copyOfRange(batchNanos, batchNanos.length / 2, batchNanos.length);
        Arrays.sort(warm);
        double medianNanos = (double) warm[warm.length / 2] / batch;
        double bytesPerDecision = (double) allocated / (batch * (batchNanos.length - batchNanos.length / 2));
        System.out.printf((explain ? "decide (with matched statements)" : "evaluate (result and layer)") + ": median %.0f ns, %.0f bytes allocated per decision (10 policies, 50 statements; sink %d)%n", medianNanos, bytesPerDecision, sink);
        // generous bound: this is a smoke test on shared machines, the target (about 1 µs) is measured with JMH
        assertThat(medianNanos).isLessThan(50_000);
    }
}
