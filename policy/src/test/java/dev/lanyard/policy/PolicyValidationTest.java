package dev.lanyard.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PolicyValidationTest
{
    private static final String ALLOW_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","444455556666"],"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}""";

    @Test
    void keepsTextAndCollectsAwsPrincipals()
    {
        assertThat(PolicyValidation.validate(ALLOW_ALL, PolicyUse.IDENTITY).text()).isEqualTo(ALLOW_ALL);
        assertThat(PolicyValidation.validate(TRUST, PolicyUse.TRUST).awsPrincipals())
                .containsExactly("arn:aws:iam::111122223333:root", "444455556666");
        assertThat(PolicyValidation.validate(ALLOW_ALL, PolicyUse.IDENTITY).awsPrincipals()).isEmpty();
    }

    @Test
    void statementPositions()
    {
        String text = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                    {"Effect": "Deny",
                     "Action": "s3:*", "Resource": "*"}
                  ]
                }""";
        var statements = PolicyValidation.parse(text, PolicyUse.IDENTITY).statements();
        assertThat(statements.get(0).start()).isEqualTo(new dev.lanyard.policy.json.TextPosition(4, 5));
        assertThat(statements.get(0).end()).isEqualTo(new dev.lanyard.policy.json.TextPosition(4, 59));
        assertThat(statements.get(1).start()).isEqualTo(new dev.lanyard.policy.json.TextPosition(5, 5));
        assertThat(statements.get(1).end()).isEqualTo(new dev.lanyard.policy.json.TextPosition(6, 40));
    }

    @Test
    void syntaxErrors()
    {
        rejects("", PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects("{", PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects("[]", PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects("\"x\"", PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects(ALLOW_ALL + "}", PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects("{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":[]}", PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects("{\"Version\":\"2012-10-17\",\"Foo\":1,\"Statement\":[]}", PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Actions\":\"x\""), PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotAction\":\"s3:*\",\"Resource\":\"*\""), PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":5,\"Resource\":\"*\""), PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects("{\"Version\":\"2012-10-17\",\"Statement\":\"x\"}", PolicyUse.IDENTITY, "Syntax errors in policy.");
        rejects("{\"Version\":\"2012-10-17\"}", PolicyUse.IDENTITY, "Missing required field Statement");
    }

    @Test
    void version()
    {
        rejects("{\"Version\":\"2012-10-18\",\"Statement\":[]}", PolicyUse.IDENTITY, "The policy failed legacy parsing");
        rejects("{\"Version\":2012,\"Statement\":[]}", PolicyUse.IDENTITY, "The policy failed legacy parsing");
        PolicyValidation.validate("{\"Version\":\"2008-10-17\",\"Statement\":[]}", PolicyUse.IDENTITY);
        PolicyValidation.validate("{\"Statement\":[]}", PolicyUse.IDENTITY);
    }

    @Test
    void effect()
    {
        rejects(statement("\"Action\":\"s3:*\",\"Resource\":\"*\""), PolicyUse.IDENTITY, "Missing required field Effect");
        rejects(statement("\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\""), PolicyUse.IDENTITY, "The policy failed legacy parsing");
    }

    @Test
    void actions()
    {
        rejects(statement("\"Effect\":\"Allow\",\"Resource\":\"*\""), PolicyUse.IDENTITY, "Policy statement must contain actions.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\""), PolicyUse.IDENTITY, "Policy statement must contain actions.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\""), PolicyUse.IDENTITY,
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\":GetObject\",\"Resource\":\"*\""), PolicyUse.IDENTITY,
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        PolicyValidation.validate(statement("\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"s3:Get*\"],\"Resource\":\"*\""), PolicyUse.IDENTITY);
    }

    @Test
    void resources()
    {
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\""), PolicyUse.IDENTITY, "Policy statement must contain resources.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\""), PolicyUse.SESSION, "Policy statement must contain resources.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"bucket\""), PolicyUse.IDENTITY,
                "Resource bucket must be in ARN format or \"*\".");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3::bucket\""), PolicyUse.IDENTITY,
                "Resource arn:aws:s3::bucket must be in ARN format or \"*\".");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3*:::bucket\""), PolicyUse.IDENTITY,
                "Resource vendor must be fully qualified and cannot contain regexes.");
        rejects(statement("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\""), PolicyUse.TRUST,
                "Has prohibited field Resource");
        rejects(statement("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\",\"NotResource\":\"*\""), PolicyUse.TRUST,
                "Has prohibited field Resource");
        PolicyValidation.validate(statement("\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":[\"arn:aws:s3:::b/*\",\"arn:aws:iam::*:role/${aws:username}\"]"), PolicyUse.IDENTITY);
    }

    @Test
    void principals()
    {
        rejects(statement("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\""), PolicyUse.IDENTITY,
                "Policy document should not specify a principal.");
        rejects(statement("\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"*\"},\"Action\":\"s3:*\",\"Resource\":\"*\""), PolicyUse.SESSION,
                "Policy document should not specify a principal.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\""), PolicyUse.TRUST, "Missing required field Principal");
        rejects(statement("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"bob\"},\"Action\":\"sts:AssumeRole\""), PolicyUse.TRUST,
                "Invalid principal in policy: \"AWS\":\"bob\"");
        rejects(statement("\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::*:root\"},\"Action\":\"sts:AssumeRole\""), PolicyUse.TRUST,
                "Invalid principal in policy: \"AWS\":\"arn:aws:iam::*:root\"");
        rejects(statement("\"Effect\":\"Allow\",\"Principal\":{\"Users\":\"x\"},\"Action\":\"sts:AssumeRole\""), PolicyUse.TRUST,
                "Invalid principal in policy: \"Users\"");
        rejects(statement("\"Effect\":\"Allow\",\"Principal\":\"bob\",\"Action\":\"sts:AssumeRole\""), PolicyUse.TRUST,
                "Invalid principal in policy: \"bob\"");
        PolicyValidation.validate(statement("\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"cognito-identity.amazonaws.com\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\""), PolicyUse.TRUST);
        PolicyValidation.validate(statement("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""), PolicyUse.RESOURCE);
    }

    @Test
    void conditions()
    {
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"aws:username\":\"bob\"}}"), PolicyUse.IDENTITY,
                "Invalid Condition type : StringEqualz");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"NullIfExists\":{\"aws:username\":\"true\"}}"), PolicyUse.IDENTITY,
                "Invalid Condition type : NullIfExists");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"username\":\"bob\"}}"), PolicyUse.IDENTITY,
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":{\"a\":1}}}"), PolicyUse.IDENTITY,
                "Syntax errors in policy.");
        PolicyValidation.validate(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{"
                + "\"ForAllValues:StringLikeIfExists\":{\"aws:TagKeys\":[\"a*\",\"b\"]},\"NumericLessThan\":{\"s3:max-keys\":10},\"Bool\":{\"aws:SecureTransport\":true}}"), PolicyUse.IDENTITY);
    }

    @Test
    void sids()
    {
        String twoStatements = """
                {"Version":"2012-10-17","Statement":[
                {"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},
                {"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}""";
        rejects(twoStatements, PolicyUse.IDENTITY, "Statement IDs (SID) in a single policy must be unique.");
        rejects(statement("\"Sid\":\"has space\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\""), PolicyUse.IDENTITY,
                "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
        PolicyValidation.validate(statement("\"Sid\":\"has space\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\""), PolicyUse.RESOURCE);
    }

    @Test
    void messagesSeenFromAws()
    {
        // S3-style resource policies name the bad effect; IAM answers with its legacy-parser message (tested in effect())
        rejects(statement("\"Effect\":\"hello\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\""), PolicyUse.RESOURCE, "Invalid effect: hello");
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"codebuild:*:x\",\"Resource\":\"*\""), PolicyUse.IDENTITY, "Actions/Condition can contain only one colon.");
        // the operator forgotten: a key directly under Condition
        rejects(statement("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"servicecatalog:accountLevel\":\"self\"}"), PolicyUse.IDENTITY,
                "Syntax errors in policy.");
    }

    static String statement(String body)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + body + "}]}";
    }

    private static void rejects(String text, PolicyUse use, String message)
    {
        assertThatThrownBy(() -> PolicyValidation.validate(text, use))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage(message);
    }
}
