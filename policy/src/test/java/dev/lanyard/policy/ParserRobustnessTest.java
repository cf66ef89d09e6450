package dev.lanyard.policy;

import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random and mutated documents: the only exception the parser may throw is MalformedPolicyException; what it accepts compiles and evaluates. */
final class ParserRobustnessTest
{
    private static final List<String> SEEDS = List.of(
            """
            {"Version":"2012-10-17","Statement":[{"Sid":"A1","Effect":"Allow","Action":["s3:Get*","iam:*"],"Resource":"arn:aws:s3:::b/${aws:username}/*",
            "Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":["a*"]},"NumericLessThan":{"s3:max-keys":10},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}""",
            """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root"],"Service":"ec2.amazonaws.com"},
            "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}}""",
            """
            {"Statement":[{"Effect":"Deny","NotAction":"iam:*","NotResource":["*"],"Condition":{"Null":{"aws:MultiFactorAuthAge":"true"}}}]}""");
    private static final String ALPHABET = "{}[]\":,*?$ \\ntrue0123456789aAEffectStatementAction";

    @Test
    void mutatedDocumentsFailOnlyWithMalformedPolicy()
    {
        Random random = new Random(4);
        int accepted = 0;
        for (int iteration = 0; iteration < 30_000; iteration++) {
            StringBuilder text = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
            int mutations = 1 + random.nextInt(4);
            for (int mutation = 0; mutation < mutations && !text.isEmpty(); mutation++) {
                int position = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(position);
                    case 1 -> text.insert(position, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> text.setCharAt(position, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            for (PolicyUse use : PolicyUse.values()) {
                if (validates(text.toString(), use)) {
                    accepted++;
                }
            }
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void randomTextFailsOnlyWithMalformedPolicy()
    {
        Random random = new Random(5);
        for (int iteration = 0; iteration < 20_000; iteration++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int index = 0; index < length; index++) {
                text.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            validates(text.toString(), PolicyUse.values()[random.nextInt(PolicyUse.values().length)]);
        }
        validates("[".repeat(100_000), PolicyUse.IDENTITY);
        validates("{\"a\":".repeat(50_000), PolicyUse.IDENTITY);
    }

    private static final RequestContext REQUEST = RequestContext.builder(
                    RequestPrincipal.roleSession("111122223333", "arn:aws:iam::111122223333:role/r", "arn:aws:sts::111122223333:assumed-role/r/s"),
                    "s3:GetObject", "arn:aws:s3:::b/bob/k")
            .putString("aws:username", "bob")
            .putString("aws:SourceIp", "10.1.2.3")
            .putAll("aws:TagKeys", List.of(ContextValue.string("a"), ContextValue.string("b")))
            .putString("s3:max-keys", "7")
            .build();

    /** Accepted documents must also compile and evaluate without surprises. */
    private static boolean validates(String text, PolicyUse use)
    {
        try {
            PolicyValidation.validate(text, use);
            CompiledPolicy policy = CompiledPolicy.compile("fuzz", PolicyValidation.parse(text, use));
            PolicyGroup group = PolicyGroup.of(PolicyLayer.IDENTITY, List.of(policy));
            new PolicySet(Optional.empty(), group, Optional.of(group), Optional.empty()).decide(REQUEST, Optional.of(PolicyGroup.of(PolicyLayer.RESOURCE, List.of(policy))));
            return true;
        }
        catch (MalformedPolicyException expected) {
            return false;
        }
    }
}
