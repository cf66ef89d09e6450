package dev.lanyard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.lanyard.e2e.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The policy simulator through the unmodified AWS SDK for Java v2 and the AWS CLI, against a started server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamSimulatorEndToEndTest
{
    private static final String ACCOUNT = TestServer.ACCOUNT_ID;
    private static final String DATE_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
            + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";
    private static final String USER_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                {"Sid": "Deny", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secrets/*"},
                {"Sid": "Own", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::*:user/${aws:username}"}
              ]
            }""";
    private static final String BOUNDARY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

    @AutoClose
    private final TestServer server = TestServer.start(AuthMode.STRICT);
    @AutoClose
    private final IamClient iam = server.rootClient(IamClient.builder());

    @BeforeAll
    void createUserAndGroup()
    {
        iam.createUser(request -> request.userName("alejandro"));
        iam.putUserPolicy(request -> request.userName("alejandro").policyName("Grant-S3").policyDocument(USER_POLICY));
        iam.createGroup(request -> request.groupName("iam-admins"));
        iam.addUserToGroup(request -> request.groupName("iam-admins").userName("alejandro"));
        iam.attachGroupPolicy(request -> request.groupName("iam-admins").policyArn("arn:aws:iam::aws:policy/IAMFullAccess"));
    }

    private static String user()
    {
        return "arn:aws:iam::" + ACCOUNT + ":user/alejandro";
    }

    @Test
    void principalDecisionsWithMatchedStatements()
    {
        SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(SimulatePrincipalPolicyRequest.builder()
                .policySourceArn(user())
                .actionNames("s3:GetObject", "iam:CreateRole", "ec2:RunInstances")
                .build());
        assertThat(response.evaluationResults()).extracting(EvaluationResult::evalActionName, EvaluationResult::evalResourceName, EvaluationResult::evalDecision)
                .containsExactly(
                        tuple("s3:GetObject", "*", PolicyEvaluationDecisionType.ALLOWED),
                        tuple("iam:CreateRole", "*", PolicyEvaluationDecisionType.ALLOWED),
                        tuple("ec2:RunInstances", "*", PolicyEvaluationDecisionType.IMPLICIT_DENY));
        Statement read = response.evaluationResults().get(0).matchedStatements().get(0);
        assertThat(read.sourcePolicyId()).isEqualTo("Grant-S3");
        assertThat(read.sourcePolicyType()).isEqualTo(PolicySourceType.USER);
        assertThat(read.startPosition().line()).isEqualTo(4);
        assertThat(read.startPosition().column()).isEqualTo(6);
        assertThat(read.endPosition().line()).isEqualTo(4);
        assertThat(read.endPosition().column()).isEqualTo(82);
        assertThat(response.evaluationResults().get(1).matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                .containsExactly(tuple("IAMFullAccess", PolicySourceType.AWS_MANAGED));
        assertThat(response.evaluationResults().get(2).matchedStatements()).isEmpty();
        // ${aws:username} is a context key the simulation did not get
        assertThat(response.evaluationResults().get(2).missingContextValues()).containsExactly("aws:username");
        assertThat(response.isTruncated()).isFalse();
    }

    @Test
    void resourceSpecificResultsExplicitDenyAndBoundary()
    {
        SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(SimulatePrincipalPolicyRequest.builder()
                .policySourceArn(user())
                .actionNames("s3:GetObject", "iam:GetUser")
                .resourceArns("arn:aws:s3:::secrets/key", "arn:aws:iam::" + ACCOUNT + ":user/alejandro")
                .permissionsBoundaryPolicyInputList(BOUNDARY)
                .contextEntries(ContextEntry.builder().contextKeyName("aws:username").contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues("alejandro").build())
                .build());
        List<EvaluationResult> results = response.evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalActionName, EvaluationResult::evalResourceName, EvaluationResult::evalDecision)
                .containsExactly(
                        tuple("s3:GetObject", "arn:aws:s3:::secrets/key", PolicyEvaluationDecisionType.EXPLICIT_DENY),
                        tuple("s3:GetObject", "arn:aws:iam::" + ACCOUNT + ":user/alejandro", PolicyEvaluationDecisionType.ALLOWED),
                        tuple("iam:GetUser", "arn:aws:s3:::secrets/key", PolicyEvaluationDecisionType.IMPLICIT_DENY),
                        tuple("iam:GetUser", "arn:aws:iam::" + ACCOUNT + ":user/alejandro", PolicyEvaluationDecisionType.IMPLICIT_DENY));
        EvaluationResult denied = results.get(0);
        assertThat(denied.matchedStatements()).extracting(statement -> statement.startPosition().line()).containsExactly(5);
        ResourceSpecificResult specific = denied.resourceSpecificResults().get(0);
        assertThat(specific.evalResourceName()).isEqualTo("arn:aws:s3:::secrets/key");
        assertThat(specific.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
        assertThat(specific.missingContextValues()).isEmpty();
        assertThat(denied.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
        // iam:GetUser is allowed by the identity policies but not by the boundary
        EvaluationResult bounded = results.get(3);
        assertThat(bounded.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
        assertThat(bounded.resourceSpecificResults().get(0).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
    }

    @Test
    void customPolicyPagingWithTheSdkPaginator()
    {
        SimulateCustomPolicyRequest request = SimulateCustomPolicyRequest.builder()
                .policyInputList(DATE_POLICY)
                .actionNames("dynamodb:CreateBackup", "dynamodb:GetItem", "dynamodb:PutItem", "s3:GetObject", "s3:PutObject")
                .contextEntries(ContextEntry.builder().contextKeyName("aws:CurrentTime").contextKeyType(ContextKeyTypeEnum.DATE).contextKeyValues("2019-04-25T11:00:00Z").build())
                .maxItems(2)
                .build();
        var first = iam.simulateCustomPolicy(request);
        assertThat(first.evaluationResults()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.marker()).isNotBlank();

        List<EvaluationResult> all = new ArrayList<>();
        iam.simulateCustomPolicyPaginator(request).forEach(page -> all.addAll(page.evaluationResults()));
        assertThat(all).extracting(EvaluationResult::evalDecision).containsExactly(
                PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.ALLOWED,
                PolicyEvaluationDecisionType.IMPLICIT_DENY, PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(all.get(0).matchedStatements().get(0).sourcePolicyId()).isEqualTo("PolicyInputList.1");
    }

    @Test
    void contextKeyOperations()
    {
        assertThat(iam.getContextKeysForPrincipalPolicy(request -> request.policySourceArn(user())).contextKeyNames())
                .containsExactly("aws:username");
        assertThat(iam.getContextKeysForCustomPolicy(request -> request.policyInputList(DATE_POLICY, USER_POLICY)).contextKeyNames())
                .containsExactly("aws:CurrentTime", "aws:username");
    }

    @Test
    void errors()
    {
        assertAwsError(() -> iam.simulatePrincipalPolicy(request -> request.policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/nobody").actionNames("s3:GetObject")),
                404, "NoSuchEntity", "The user with name nobody cannot be found.");
        assertAwsError(() -> iam.getContextKeysForPrincipalPolicy(request -> request.policySourceArn("arn:aws:iam::" + ACCOUNT + ":role/nobody")),
                404, "NoSuchEntity", "The role with name nobody cannot be found.");
        assertAwsError(() -> iam.simulatePrincipalPolicy(request -> request.policySourceArn("arn:aws:sts::" + ACCOUNT + ":assumed-role/r/s").actionNames("s3:GetObject")),
                400, "InvalidInput", "Invalid Entity Arn: arn:aws:sts::" + ACCOUNT + ":assumed-role/r/s");
        assertAwsError(() -> iam.simulateCustomPolicy(request -> request.policyInputList("{\"Statement\":[]").actionNames("s3:GetObject")),
                400, "InvalidInput", "Syntax errors in policy.");
        assertAwsError(() -> iam.simulateCustomPolicy(request -> request.policyInputList(BOUNDARY).actionNames("s3:GetObject").resourceArns("14a050d4-021e-4efe")),
                400, "InvalidInput", "ResourceNames are not in a valid ARN format: 14a050d4-021e-4efe.");
        assertAwsError(() -> iam.simulateCustomPolicy(request -> request.policyInputList(BOUNDARY).actionNames("s3:GetObject")
                        .contextEntries(ContextEntry.builder().contextKeyName("aws:SourceIp").contextKeyType(ContextKeyTypeEnum.IP).contextKeyValues("not-an-ip").build())),
                400, "InvalidInput", "Invalid value for context key aws:SourceIp of type ip: not-an-ip");
        assertAwsError(() -> iam.getContextKeysForCustomPolicy(request -> request.policyInputList("nope")), 400, "InvalidInput", "Syntax errors in policy.");
        assertAwsError(() -> iam.simulateCustomPolicy(request -> request.policyInputList(BOUNDARY).actionNames("s3:GetObject").marker("%%%")),
                400, "InvalidInput", "Invalid Marker.");
    }

    @Test
    void awsCliSimulateCustomPolicyAsDocumented()
            throws IOException
    {
        try (AwsCli cli = AwsCli.asRoot(server)) {
            // the AWS CLI's own example for simulate-custom-policy, and its documented output
            Processes.Result result = cli.run("iam", "simulate-custom-policy",
                    "--policy-input-list", DATE_POLICY,
                    "--action-names", "dynamodb:CreateBackup",
                    "--context-entries", "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            JsonNode results = new ObjectMapper().readTree(result.stdout()).get("EvaluationResults");
            assertThat(results).hasSize(1);
            JsonNode evaluation = results.get(0);
            assertThat(evaluation.get("EvalActionName").asText()).isEqualTo("dynamodb:CreateBackup");
            assertThat(evaluation.get("EvalResourceName").asText()).isEqualTo("*");
            assertThat(evaluation.get("EvalDecision").asText()).isEqualTo("allowed");
            JsonNode statement = evaluation.get("MatchedStatements").get(0);
            assertThat(statement.get("SourcePolicyId").asText()).isEqualTo("PolicyInputList.1");
            assertThat(statement.get("StartPosition").get("Line").asInt()).isEqualTo(1);
            assertThat(statement.get("StartPosition").get("Column").asInt()).isEqualTo(38);
            assertThat(statement.get("EndPosition").get("Line").asInt()).isEqualTo(1);
            assertThat(statement.get("EndPosition").get("Column").asInt()).isEqualTo(167);
            assertThat(evaluation.get("MissingContextValues")).isEmpty();
        }
    }
}
