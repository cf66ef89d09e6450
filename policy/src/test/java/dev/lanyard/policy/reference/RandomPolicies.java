package dev.lanyard.policy.reference;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import dev.lanyard.policy.corpus.JsonText;
import dev.lanyard.policy.document.BaseOperator;
import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.PrincipalKind;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random policies and requests over small pools, so that generated statements and requests collide often: the same
 * few actions, ARNs, keys and values appear on both sides, including wildcards, variables and values of the wrong type.
 */
public final class RandomPolicies
{
    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";

    private static final List<String> ACTIONS = List.of(
            "s3:GetObject", "s3:PutObject", "s3:ListBucket", "iam:GetUser", "iam:CreateUser", "ec2:RunInstances", "sts:AssumeRole", "ec2:DescribeRegions");
    private static final List<String> ACTION_PATTERNS = List.of(
            "s3:GetObject", "s3:PutObject", "iam:GetUser", "sts:AssumeRole", "s3:*", "s3:Get*", "*", "iam:?etUser", "s*:*", "S3:getobject", "ec2:Run*",
            "ec2:*Regions", "iam:*", "ec2:RunInstances", "*:GetUser");
    private static final List<String> RESOURCES = List.of(
            "arn:aws:s3:::b1/k", "arn:aws:s3:::b1", "arn:aws:s3:::b2/dir/k", "arn:aws:iam::111122223333:user/bob", "arn:aws:iam::444455556666:role/r",
            "*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", "arn:aws:s3:::b1/bob", "arn:aws:iam::111122223333:role/r");
    private static final List<String> RESOURCE_PATTERNS = List.of(
            "*", "arn:aws:s3:::b1/*", "arn:aws:s3:::b?/*", "arn:aws:s3:::*", "arn:aws:iam::*:user/*", "arn:aws:iam::111122223333:user/${aws:username}",
            "arn:aws:s3:::b1/${aws:username, 'k'}", "arn:aws:ec2:*:*:instance/*", "arn:aws:s3:::b*", "arn:aws:iam::${aws:PrincipalAccount}:*",
            "arn:aws:iam::*:role/r", "arn:aws:s3:::b2/*/k", "arn:aws:ec2:us-east-1:*:*", "arn:aws:s3:::b1/${aws:PrincipalTag/team}", "arn:*:s3:::b1*");
    private static final List<String> KEYS = List.of(
            "aws:username", "aws:PrincipalTag/team", "aws:TagKeys", "aws:SourceIp", "aws:CurrentTime", "aws:EpochTime", "aws:SecureTransport",
            "aws:MultiFactorAuthAge", "aws:PrincipalArn", "s3:prefix", "test:Binary", "AWS:UserName");
    private static final List<String> VALUES = List.of(
            "bob", "alice", "Bob", "b*", "?ob", "${aws:username}", "${aws:PrincipalTag/team, 'dev'}", "dev", "10", "3600", "2020-01-01T00:00:00Z",
            "2021-06-01", "1600000000", "true", "false", "10.0.0.0/8", "192.168.1.1", "2001:db8::/32", "arn:aws:iam::111122223333:user/*",
            "arn:aws:iam::111122223333:*", "${*}", "YWJj", "a", "x:y", "*", "10.1.2.3/32", "1.5", "-2", "TRUE", "${aws:nothing}", "arn:aws:iam::*:user/b?b");
    private static final List<String> OPERATORS = List.of(
            "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
            "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
            "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
            "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null");
    private static final List<String> RESOURCE_PRINCIPALS = List.of(
            "\"*\"", "{\"AWS\":\"111122223333\"}", "{\"AWS\":\"arn:aws:iam::111122223333:user/bob\"}", "{\"AWS\":\"arn:aws:iam::111122223333:role/r\"}",
            "{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/r/s\"}", "{\"AWS\":\"arn:aws:iam::444455556666:root\"}", "{\"Service\":\"ec2.amazonaws.com\"}",
            "{\"AWS\":[\"444455556666\",\"arn:aws:iam::111122223333:user/bob\"]}", "{\"AWS\":\"*\"}", "{\"Federated\":\"cognito-identity.amazonaws.com\"}",
            "{\"CanonicalUser\":\"79a59df900b949e55d96a1e698fbaced\"}", "{\"AWS\":\"arn:aws:sts::111122223333:federated-user/fed\"}",
            "{\"AWS\":[\"arn:aws:iam::111122223333:role/r\",\"arn:aws:sts::111122223333:assumed-role/r/s\"],\"Service\":\"ec2.amazonaws.com\"}");

    private final Random random;

    public RandomPolicies(long seed)
    {
        this.random = new Random(seed);
    }

    public record Scenario(PolicySet policySet, Optional<PolicyGroup> resource, List<String> texts) {}

    public Scenario scenario()
    {
        List<String> texts = new ArrayList<>();
        Optional<PolicyGroup> organization = chance(0.2) ? Optional.of(group(PolicyLayer.ORGANIZATION, PolicyUse.IDENTITY, 1, texts)) : Optional.empty();
        PolicyGroup identity = group(PolicyLayer.IDENTITY, PolicyUse.IDENTITY, random.nextInt(4), texts);
        Optional<PolicyGroup> boundary = chance(0.25) ? Optional.of(group(PolicyLayer.PERMISSIONS_BOUNDARY, PolicyUse.IDENTITY, 1, texts)) : Optional.empty();
        Optional<PolicyGroup> session = chance(0.25) ? Optional.of(group(PolicyLayer.SESSION, PolicyUse.SESSION, 1 + random.nextInt(2), texts)) : Optional.empty();
        Optional<PolicyGroup> resource = chance(0.5)
                ? Optional.of(group(PolicyLayer.RESOURCE, chance(0.3) ? PolicyUse.TRUST : PolicyUse.RESOURCE, 1, texts))
                : Optional.empty();
        return new Scenario(new PolicySet(organization, identity, boundary, session), resource, texts);
    }

    private PolicyGroup group(PolicyLayer layer, PolicyUse use, int count, List<String> texts)
    {
        List<CompiledPolicy> policies = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String text = policy(use);
            texts.add(layer + " " + text);
            policies.add(CompiledPolicy.compile(layer.name().toLowerCase() + index, PolicyValidation.parse(text, use)));
        }
        return PolicyGroup.of(layer, policies);
    }

    private String policy(PolicyUse use)
    {
        StringBuilder text = new StringBuilder("{");
        if (chance(0.85)) {
            text.append("\"Version\":\"").append(chance(0.85) ? "2012-10-17" : "2008-10-17").append("\",");
        }
        text.append("\"Statement\":");
        if (chance(0.15)) {
            // a single statement object rather than a list
            statement(text, use, 0);
            return text.append("}").toString();
        }
        text.append('[');
        int statements = random.nextInt(5);
        for (int index = 0; index < statements; index++) {
            if (index > 0) {
                text.append(',');
            }
            statement(text, use, index);
        }
        return text.append("]}").toString();
    }

    private void statement(StringBuilder text, PolicyUse use, int index)
    {
        text.append('{');
        if (chance(0.5)) {
            text.append("\"Sid\":\"S").append(index).append("\",");
        }
        text.append("\"Effect\":\"").append(chance(0.3) ? "Deny" : "Allow").append('"');
        if (use == PolicyUse.TRUST || use == PolicyUse.RESOURCE) {
            text.append(chance(0.15) ? ",\"NotPrincipal\":" : ",\"Principal\":").append(pick(RESOURCE_PRINCIPALS));
        }
        text.append(chance(0.15) ? ",\"NotAction\":" : ",\"Action\":");
        list(text, ACTION_PATTERNS, 1 + random.nextInt(3));
        if (use != PolicyUse.TRUST) {
            text.append(chance(0.15) ? ",\"NotResource\":" : ",\"Resource\":");
            list(text, RESOURCE_PATTERNS, 1 + random.nextInt(3));
        }
        if (chance(0.6)) {
            text.append(",\"Condition\":{");
            int operators = 1 + random.nextInt(2);
            List<String> used = new ArrayList<>();
            for (int operatorIndex = 0; operatorIndex < operators; operatorIndex++) {
                String operator = operator();
                if (used.contains(operator)) {
                    continue;
                }
                if (!used.isEmpty()) {
                    text.append(',');
                }
                used.add(operator);
                JsonText.string(operator, text);
                text.append(":{");
                List<String> keys = new ArrayList<>();
                int keyCount = 1 + random.nextInt(2);
                for (int keyIndex = 0; keyIndex < keyCount; keyIndex++) {
                    String key = pick(KEYS);
                    if (keys.contains(key)) {
                        continue;
                    }
                    if (!keys.isEmpty()) {
                        text.append(',');
                    }
                    keys.add(key);
                    JsonText.string(key, text);
                    text.append(':');
                    if (operator.equals("Null")) {
                        text.append(chance(0.5) ? "\"true\"" : "false");
                    }
                    else if (chance(0.1)) {
                        text.append(random.nextInt(5000));
                    }
                    else if (chance(0.05)) {
                        text.append(chance(0.5));
                    }
                    else {
                        list(text, VALUES, 1 + random.nextInt(3));
                    }
                }
                text.append('}');
            }
            text.append('}');
        }
        text.append('}');
    }

    private String operator()
    {
        String base = pick(OPERATORS);
        if (base.equals("Null")) {
            return base;
        }
        String qualifier = switch (random.nextInt(5)) {
            case 0 -> "ForAnyValue:";
            case 1 -> "ForAllValues:";
            default -> "";
        };
        String operator = qualifier + base + (chance(0.2) ? "IfExists" : "");
        BaseOperator.fromAwsName(base).orElseThrow();
        return operator;
    }

    private void list(StringBuilder text, List<String> pool, int count)
    {
        if (count == 1 && chance(0.5)) {
            JsonText.string(pick(pool), text);
            return;
        }
        text.append('[');
        for (int index = 0; index < count; index++) {
            if (index > 0) {
                text.append(',');
            }
            JsonText.string(pick(pool), text);
        }
        text.append(']');
    }

    public RequestContext request()
    {
        RequestPrincipal principal = switch (random.nextInt(8)) {
            case 0, 1, 2 -> RequestPrincipal.user(ACCOUNT, "arn:aws:iam::111122223333:user/bob");
            case 3, 4 -> RequestPrincipal.roleSession(ACCOUNT, "arn:aws:iam::111122223333:role/r", "arn:aws:sts::111122223333:assumed-role/r/s");
            case 5 -> RequestPrincipal.user(OTHER_ACCOUNT, "arn:aws:iam::444455556666:user/eve");
            case 6 -> chance(0.5) ? RequestPrincipal.root(ACCOUNT) : RequestPrincipal.service("ec2.amazonaws.com");
            default -> switch (random.nextInt(4)) {
                case 0 -> RequestPrincipal.anonymous();
                case 1 -> RequestPrincipal.webIdentity("cognito-identity.amazonaws.com");
                case 2 -> new RequestPrincipal(PrincipalKind.FEDERATED_USER, "arn:aws:sts::111122223333:federated-user/fed", Optional.of(ACCOUNT), Optional.empty(), Optional.empty());
                default -> new RequestPrincipal(PrincipalKind.ANONYMOUS, "*", Optional.empty(), Optional.empty(), Optional.of("79a59df900b949e55d96a1e698fbaced"));
            };
        };
        RequestContext.Builder builder = RequestContext.builder(principal, pick(ACTIONS), pick(RESOURCES));
        switch (random.nextInt(3)) {
            case 0 -> builder.resourceAccount(ACCOUNT);
            case 1 -> builder.resourceAccount(OTHER_ACCOUNT);
            default -> {
            }
        }
        if (chance(0.7)) {
            builder.putString("aws:username", chance(0.8) ? "bob" : "Bob");
        }
        if (chance(0.5)) {
            builder.putString("aws:PrincipalTag/team", pick(List.of("dev", "ops", "b*")));
        }
        if (chance(0.5)) {
            builder.put("aws:PrincipalAccount", ContextValue.string(principal.accountId().orElse(ACCOUNT)));
        }
        if (chance(0.6)) {
            List<ContextValue> tags = new ArrayList<>();
            int count = random.nextInt(4);
            for (int index = 0; index < count; index++) {
                tags.add(ContextValue.string(pick(List.of("bob", "dev", "a", "Bob", "x:y"))));
            }
            builder.putAll("aws:TagKeys", tags);
        }
        if (chance(0.6)) {
            builder.put("aws:SourceIp", ContextValue.ipAddress(pick(List.of("10.1.2.3", "192.168.1.1", "2001:db8::1", "8.8.8.8"))));
        }
        if (chance(0.6)) {
            builder.put("aws:CurrentTime", ContextValue.date(Instant.parse(pick(List.of("2020-01-01T00:00:00Z", "2019-12-31T23:59:59Z", "2021-06-01T00:00:00Z", "2024-01-01T00:00:00Z")))));
        }
        if (chance(0.5)) {
            builder.put("aws:EpochTime", ContextValue.number(pick(List.of(1600000000L, 10L, 3600L, 1L))));
        }
        if (chance(0.6)) {
            builder.put("aws:SecureTransport", ContextValue.bool(chance(0.5)));
        }
        if (chance(0.4)) {
            builder.put("aws:MultiFactorAuthAge", ContextValue.number(pick(List.of("10", "3600", "1.5", "-2", "abc"))));
        }
        if (chance(0.4)) {
            builder.put("aws:PrincipalArn", ContextValue.arn(principal.arn()));
        }
        if (chance(0.4)) {
            builder.putString("s3:prefix", pick(List.of("bob", "home/bob", "", "*", "a", "10", "2020-01-01T00:00:00Z", "true", "10.1.2.3", "YWJj")));
        }
        if (chance(0.3)) {
            builder.put("test:Binary", chance(0.5) ? ContextValue.binary(new byte[] {'a', 'b', 'c'}) : ContextValue.string("YWJk"));
        }
        return builder.build();
    }

    private boolean chance(double probability)
    {
        return random.nextDouble() < probability;
    }

    private <T> T pick(List<T> values)
    {
        return values.get(random.nextInt(values.size()));
    }
}
