package dev.lanyard.bench;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shape: a principal with 10 attached policies and 50 statements with wildcards and conditions, six request
 * shapes in turn (allowed, denied explicitly, matched by a policy variable, no candidate at all). {@code evaluate} is what
 * authorizes every call; {@code decide} also lists the matched statements (simulator, audit, messages).
 */
public class PolicyEngineBenchmark
        extends AbstractBenchmark
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

    private PolicySet policySet;
    private RequestContext[] requests;
    private int next;

    @Setup
    public void setUp()
    {
        policySet = tenPoliciesFiftyStatements();
        requests = new RequestContext[] {
                request("s3:GetObject", "arn:aws:s3:us-east-1:111122223333:bucket/key"),
                request("ec2:DescribeInstances", "*"),
                request("kms:PutKeyPolicy", "arn:aws:kms:eu-west-1:111122223333:bob/key"),
                request("dynamodb:DeleteTable", "arn:aws:dynamodb:eu-west-1:111122223333:table/t"),
                request("lambda:TagResource", "arn:aws:lambda:eu-west-1:111122223333:function:f"),
                request("athena:StartQueryExecution", "*"),
        };
        if (!policySet.decide(requests[0]).allowed() || policySet.decide(requests[3]).allowed()) {
            throw new IllegalStateException("The benchmark policies do not decide as intended");
        }
    }

    private RequestContext nextRequest()
    {
        RequestContext request = requests[next];
        next = next + 1 == requests.length ? 0 : next + 1;
        return request;
    }

    @Benchmark
    public Decision evaluate()
    {
        return policySet.evaluate(nextRequest(), Optional.empty());
    }

    @Benchmark
    public Decision decideWithMatchedStatements()
    {
        return policySet.decide(nextRequest());
    }

    @Benchmark
    public RequestContext buildRequestContext()
    {
        return request("s3:GetObject", "arn:aws:s3:::bucket/key");
    }
}
