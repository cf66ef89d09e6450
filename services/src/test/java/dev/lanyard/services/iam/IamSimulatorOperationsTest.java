package dev.lanyard.services.iam;

import dev.lanyard.services.OperationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.AttachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.Position;
import software.amazon.awssdk.services.iam.model.PutGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

import java.util.List;
import java.util.Map;

import static dev.lanyard.services.iam.ManagedPolicyOperationsTest.assertError;
import static dev.lanyard.services.iam.PolicyTestSupport.ACCOUNT;
import static dev.lanyard.services.iam.PolicyTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class IamSimulatorOperationsTest
{
    /** The AWS CLI's documented simulate-custom-policy example: statement at 1:38–1:167 in AWS's output. */
    static final String DATE_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";
    static final String S3_READ = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
                {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::secrets/*"}
              ]
            }""";
    static final String IAM_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}";
    static final String BOUNDARY_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    static final String TAGGED = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:StartInstances\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:username}\"},\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}";

    private PolicyTestSupport support;
    private IamSimulatorOperations operations;

    @BeforeEach
    void setUp()
    {
        support = new PolicyTestSupport();
        operations = new IamSimulatorOperations(support.iam);
    }

    @AfterEach
    void tearDown()
    {
        support.close();
    }

    @Test
    void registersEveryOperationOfTheFamily()
    {
        OperationRegistry registry = new OperationRegistry();
        operations.register(registry);
        assertThat(registry.requestClasses()).hasSize(4);
    }

    @Test
    void customPolicyMatchesAwsCliExample()
    {
        SimulateCustomPolicyResponse allowed = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(DATE_POLICY)
                .actionNames("dynamodb:CreateBackup")
                .contextEntries(entry("aws:CurrentTime", ContextKeyTypeEnum.DATE, "2019-04-25T11:00:00Z"))
                .build());
        EvaluationResult result = allowed.evaluationResults().get(0);
        assertThat(result.evalActionName()).isEqualTo("dynamodb:CreateBackup");
        assertThat(result.evalResourceName()).isEqualTo("*");
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(result.matchedStatements()).containsExactly(Statement.builder()
                .sourcePolicyId("PolicyInputList.1")
                .sourcePolicyType(PolicySourceType.NONE)
                .startPosition(Position.builder().line(1).column(38).build())
                .endPosition(Position.builder().line(1).column(167).build())
                .build());
        assertThat(result.missingContextValues()).isEmpty();
        assertThat(result.hasEvalDecisionDetails()).isFalse();
        assertThat(allowed.isTruncated()).isFalse();
        assertThat(allowed.marker()).isNull();

        EvaluationResult tooEarly = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(DATE_POLICY)
                .actionNames("dynamodb:CreateBackup")
                .contextEntries(entry("aws:CurrentTime", ContextKeyTypeEnum.DATE, "2014-04-25T11:00:00Z"))
                .build()).evaluationResults().get(0);
        assertThat(tooEarly.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(tooEarly.matchedStatements()).isEmpty();

        EvaluationResult withoutTime = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(DATE_POLICY)
                .actionNames("dynamodb:CreateBackup")
                .build()).evaluationResults().get(0);
        assertThat(withoutTime.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(withoutTime.missingContextValues()).containsExactly("aws:CurrentTime");
    }

    @Test
    void explicitDenyReportsOnlyTheDenyStatement()
    {
        SimulateCustomPolicyResponse response = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(S3_READ)
                .actionNames("s3:GetObject", "s3:PutObject")
                .resourceArns("arn:aws:s3:::secrets/key", "arn:aws:s3:::public/key")
                .build());
        assertThat(response.evaluationResults()).extracting(EvaluationResult::evalActionName, EvaluationResult::evalResourceName, EvaluationResult::evalDecision)
                .containsExactly(
                        tuple("s3:GetObject", "arn:aws:s3:::secrets/key", PolicyEvaluationDecisionType.EXPLICIT_DENY),
                        tuple("s3:GetObject", "arn:aws:s3:::public/key", PolicyEvaluationDecisionType.ALLOWED),
                        tuple("s3:PutObject", "arn:aws:s3:::secrets/key", PolicyEvaluationDecisionType.IMPLICIT_DENY),
                        tuple("s3:PutObject", "arn:aws:s3:::public/key", PolicyEvaluationDecisionType.IMPLICIT_DENY));
        EvaluationResult denied = response.evaluationResults().get(0);
        // the Deny statement is line 5, "{" at column 5; ends after its "}" at column 107
        assertThat(denied.matchedStatements()).extracting(Statement::startPosition, Statement::endPosition)
                .containsExactly(tuple(Position.builder().line(5).column(6).build(), Position.builder().line(5).column(107).build()));
        ResourceSpecificResult perResource = denied.resourceSpecificResults().get(0);
        assertThat(perResource.evalResourceName()).isEqualTo("arn:aws:s3:::secrets/key");
        assertThat(perResource.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
        assertThat(perResource.matchedStatements()).isEqualTo(denied.matchedStatements());
        // same account with resource ARNs: details present and empty
        assertThat(denied.hasEvalDecisionDetails()).isTrue();
        assertThat(denied.evalDecisionDetails()).isEmpty();
        assertThat(response.evaluationResults().get(1).matchedStatements()).extracting(Statement::startPosition)
                .containsExactly(Position.builder().line(4).column(6).build());
    }

    @Test
    void missingContextValuesGoToResourceSpecificResultsWhenResourcesAreNamed()
    {
        List<EvaluationResult> results = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(TAGGED)
                .actionNames("ec2:StartInstances")
                .resourceArns("arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/i-1")
                .contextEntries(entry("aws:SourceIp", ContextKeyTypeEnum.IP, "10.1.2.3"))
                .build()).evaluationResults();
        assertThat(results.get(0).missingContextValues()).isEmpty();
        assertThat(results.get(0).resourceSpecificResults().get(0).missingContextValues()).containsExactly("aws:ResourceTag/team", "aws:username");

        EvaluationResult allowed = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(TAGGED)
                .actionNames("ec2:StartInstances")
                .contextEntries(
                        entry("aws:SourceIp", ContextKeyTypeEnum.IP, "10.1.2.3"),
                        entry("aws:username", ContextKeyTypeEnum.STRING, "alice"),
                        entry("aws:resourcetag/team", ContextKeyTypeEnum.STRING, "alice"))
                .build()).evaluationResults().get(0);
        assertThat(allowed.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(allowed.missingContextValues()).isEmpty();
    }

    @Test
    void principalPolicyGathersUserGroupAndBoundaryPolicies()
    {
        UserOperations users = new UserOperations(support.iam);
        InlinePolicyOperations inline = new InlinePolicyOperations(support.iam);
        ManagedPolicyOperations managed = new ManagedPolicyOperations(support.iam);
        users.createUser(call(), CreateUserRequest.builder().userName("alice").path("/dev/").build());
        users.createGroup(call(), CreateGroupRequest.builder().groupName("admins").build());
        users.addUserToGroup(call(), AddUserToGroupRequest.builder().groupName("admins").userName("alice").build());
        inline.putUserPolicy(call(), PutUserPolicyRequest.builder().userName("alice").policyName("s3-read").policyDocument(S3_READ).build());
        inline.putGroupPolicy(call(), PutGroupPolicyRequest.builder().groupName("admins").policyName("iam-all").policyDocument(IAM_ALL).build());
        managed.attachGroupPolicy(call(), AttachGroupPolicyRequest.builder().groupName("admins").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").build());
        String boundaryArn = managed.createPolicy(call(), CreatePolicyRequest.builder().policyName("s3-only").policyDocument(BOUNDARY_S3).build()).policy().arn();
        String aliceArn = "arn:aws:iam::" + ACCOUNT + ":user/dev/alice";

        SimulatePrincipalPolicyResponse before = simulatePrincipal(aliceArn, "iam:CreateUser", "s3:GetObject", "ec2:DescribeInstances");
        assertThat(before.evaluationResults()).extracting(EvaluationResult::evalDecision).containsOnly(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(before.evaluationResults().get(0).matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                .containsExactly(tuple("iam-all", PolicySourceType.GROUP));
        assertThat(before.evaluationResults().get(1).matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                .containsExactly(
                        tuple("s3-read", PolicySourceType.USER),
                        tuple("ReadOnlyAccess", PolicySourceType.AWS_MANAGED));
        assertThat(before.evaluationResults().get(0).permissionsBoundaryDecisionDetail()).isNull();

        users.putUserPermissionsBoundary(call(), PutUserPermissionsBoundaryRequest.builder().userName("alice").permissionsBoundary(boundaryArn).build());
        SimulatePrincipalPolicyResponse bounded = simulatePrincipal(aliceArn, "iam:CreateUser", "s3:GetObject");
        assertThat(bounded.evaluationResults().get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(bounded.evaluationResults().get(0).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
        assertThat(bounded.evaluationResults().get(1).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(bounded.evaluationResults().get(1).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
        assertThat(bounded.evaluationResults().get(1).matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                .contains(tuple("s3-only", PolicySourceType.USER_MANAGED));

        // A boundary passed in the request replaces the user's own; PolicyInputList adds identity policies.
        SimulatePrincipalPolicyResponse replaced = operations.simulatePrincipalPolicy(call(), SimulatePrincipalPolicyRequest.builder()
                .policySourceArn(aliceArn)
                .actionNames("iam:CreateUser", "sts:GetCallerIdentity")
                .permissionsBoundaryPolicyInputList(IAM_ALL)
                .build());
        assertThat(replaced.evaluationResults()).extracting(EvaluationResult::evalDecision)
                .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(replaced.evaluationResults().get(0).matchedStatements()).extracting(Statement::sourcePolicyId)
                .containsExactly("iam-all", "PermissionsBoundaryPolicyInputList.1");

        // the group alone has only its own policies
        SimulatePrincipalPolicyResponse group = simulatePrincipal("arn:aws:iam::" + ACCOUNT + ":group/admins", "iam:CreateUser", "s3:PutObject");
        assertThat(group.evaluationResults()).extracting(EvaluationResult::evalDecision)
                .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void rolePoliciesAndBoundary()
    {
        RoleOperations roles = new RoleOperations(support.iam);
        ManagedPolicyOperations managed = new ManagedPolicyOperations(support.iam);
        roles.createRole(call(), CreateRoleRequest.builder().roleName("worker")
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
                .build());
        managed.attachRolePolicy(call(), AttachRolePolicyRequest.builder().roleName("worker").policyArn("arn:aws:iam::aws:policy/AdministratorAccess").build());
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/worker";
        assertThat(simulatePrincipal(roleArn, "ec2:RunInstances").evaluationResults().get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        roles.putRolePermissionsBoundary(call(), PutRolePermissionsBoundaryRequest.builder().roleName("worker").permissionsBoundary("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess").build());
        EvaluationResult bounded = simulatePrincipal(roleArn, "ec2:RunInstances").evaluationResults().get(0);
        assertThat(bounded.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(bounded.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
    }

    @Test
    void resourcePolicyAndCrossAccountDetails()
    {
        String resourcePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":user/bob\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}]}";
        String nothing = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}]}";
        // same account: the resource policy naming the user suffices
        EvaluationResult sameAccount = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(nothing)
                .resourcePolicy(resourcePolicy)
                .callerArn("arn:aws:iam::" + ACCOUNT + ":user/bob")
                .actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::shared/report")
                .build()).evaluationResults().get(0);
        assertThat(sameAccount.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(sameAccount.matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                .containsExactly(tuple("ResourcePolicy", PolicySourceType.RESOURCE));

        // another account owns the resource: both sides must allow, and the details say which did
        EvaluationResult crossAccount = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(nothing)
                .resourcePolicy(resourcePolicy)
                .resourceOwner("arn:aws:iam::210987654321:root")
                .callerArn("arn:aws:iam::" + ACCOUNT + ":user/bob")
                .actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::shared/report")
                .build()).evaluationResults().get(0);
        assertThat(crossAccount.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(crossAccount.evalDecisionDetailsAsStrings()).containsExactly(
                Map.entry(SimulatorEvaluation.IDENTITY_DETAIL, "implicitDeny"),
                Map.entry(SimulatorEvaluation.RESOURCE_DETAIL, "allowed"));

        assertError(() -> operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                        .policyInputList(nothing).resourcePolicy(resourcePolicy).actionNames("s3:GetObject").build()),
                InvalidInputException.class, "CallerArn must be specified when simulating a resource policy.");
        assertError(() -> operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                        .policyInputList(nothing).resourcePolicy(resourcePolicy).callerArn("arn:aws:iam::" + ACCOUNT + ":role/r").actionNames("s3:GetObject").build()),
                InvalidInputException.class, "Invalid CallerArn: arn:aws:iam::" + ACCOUNT + ":role/r. CallerArn must be the ARN of an IAM user.");
        assertError(() -> operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                        .policyInputList(nothing).resourceOwner("nobody").actionNames("s3:GetObject").build()),
                InvalidInputException.class, "'nobody' is not a valid as a Resource Owner.");
    }

    @Test
    void paging()
    {
        SimulateCustomPolicyRequest.Builder request = SimulateCustomPolicyRequest.builder()
                .policyInputList(S3_READ)
                .actionNames("s3:GetObject", "s3:ListBucket", "s3:PutObject")
                .resourceArns("arn:aws:s3:::a/1", "arn:aws:s3:::b/2")
                .maxItems(4);
        SimulateCustomPolicyResponse first = operations.simulateCustomPolicy(call(), request.build());
        assertThat(first.evaluationResults()).hasSize(4);
        assertThat(first.isTruncated()).isTrue();
        SimulateCustomPolicyResponse second = operations.simulateCustomPolicy(call(), request.marker(first.marker()).build());
        assertThat(second.evaluationResults()).extracting(EvaluationResult::evalActionName, EvaluationResult::evalResourceName)
                .containsExactly(
                        tuple("s3:PutObject", "arn:aws:s3:::a/1"),
                        tuple("s3:PutObject", "arn:aws:s3:::b/2"));
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.marker()).isNull();
        assertError(() -> operations.simulateCustomPolicy(call(), request.marker("!!!").build()), InvalidInputException.class, "Invalid Marker.");
    }

    @Test
    void contextKeys()
    {
        assertThat(operations.getContextKeysForCustomPolicy(call(), GetContextKeysForCustomPolicyRequest.builder()
                .policyInputList(TAGGED, DATE_POLICY, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"},\"StringEquals\":{\"AWS:SOURCEIP\":\"x\"}}}]}")
                .build()).contextKeyNames())
                .containsExactly("aws:ResourceTag/team", "aws:username", "aws:SourceIp", "aws:CurrentTime", "aws:SecureTransport");

        UserOperations users = new UserOperations(support.iam);
        InlinePolicyOperations inline = new InlinePolicyOperations(support.iam);
        users.createUser(call(), CreateUserRequest.builder().userName("saanvi").build());
        users.createGroup(call(), CreateGroupRequest.builder().groupName("timed").build());
        users.addUserToGroup(call(), AddUserToGroupRequest.builder().groupName("timed").userName("saanvi").build());
        inline.putGroupPolicy(call(), PutGroupPolicyRequest.builder().groupName("timed").policyName("after").policyDocument(DATE_POLICY).build());
        assertThat(operations.getContextKeysForPrincipalPolicy(call(), GetContextKeysForPrincipalPolicyRequest.builder()
                .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/saanvi")
                .policyInputList(TAGGED)
                .build()).contextKeyNames())
                .containsExactly("aws:CurrentTime", "aws:ResourceTag/team", "aws:username", "aws:SourceIp");
    }

    @Test
    void errors()
    {
        assertError(() -> simulatePrincipal("arn:aws:iam::" + ACCOUNT + ":user/ghost", "s3:GetObject"), NoSuchEntityException.class, "The user with name ghost cannot be found.");
        assertError(() -> simulatePrincipal("arn:aws:iam::" + ACCOUNT + ":role/ghost", "s3:GetObject"), NoSuchEntityException.class, "The role with name ghost cannot be found.");
        assertError(() -> simulatePrincipal("arn:aws:iam::210987654321:group/ghost", "s3:GetObject"), NoSuchEntityException.class, "The group with name ghost cannot be found.");
        assertError(() -> simulatePrincipal("arn:aws:sts::" + ACCOUNT + ":assumed-role/r/s", "s3:GetObject"), InvalidInputException.class,
                "Invalid Entity Arn: arn:aws:sts::" + ACCOUNT + ":assumed-role/r/s");
        assertError(() -> operations.getContextKeysForPrincipalPolicy(call(), GetContextKeysForPrincipalPolicyRequest.builder()
                        .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/ghost").build()),
                NoSuchEntityException.class, "The user with name ghost cannot be found.");

        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}]}")),
                InvalidInputException.class, "Policy statement must contain resources.");
        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList("not json")), InvalidInputException.class, "Syntax errors in policy.");
        assertError(() -> operations.getContextKeysForCustomPolicy(call(), GetContextKeysForCustomPolicyRequest.builder().policyInputList("[]").build()),
                InvalidInputException.class, "Syntax errors in policy.");
        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList(IAM_ALL).resourceArns("not-an-arn")),
                InvalidInputException.class, "ResourceNames are not in a valid ARN format: not-an-arn.");
        assertError(() -> operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder().policyInputList(IAM_ALL).actionNames("iam:*").build()),
                InvalidInputException.class, "Invalid action name: iam:*. Action names must name one action with its service prefix, without wildcards.");
        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList(IAM_ALL).resourceArns("arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/i-1").resourceHandlingOption("EC2-Nope")),
                InvalidInputException.class, "Invalid ResourceHandlingOption: EC2-Nope. Valid values are EC2-Classic-EBS, EC2-Classic-InstanceStore, EC2-VPC-EBS, EC2-VPC-EBS-Subnet, EC2-VPC-InstanceStore, EC2-VPC-InstanceStore-Subnet.");
        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList(IAM_ALL).contextEntries(entry("aws:EpochTime", ContextKeyTypeEnum.NUMERIC, "soon"))),
                InvalidInputException.class, "Invalid value for context key aws:EpochTime of type numeric: soon");
        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList(IAM_ALL).contextEntries(entry("aws:SourceIp", ContextKeyTypeEnum.IP, "10.0.0.256"))),
                InvalidInputException.class, "Invalid value for context key aws:SourceIp of type ip: 10.0.0.256");
        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList(IAM_ALL).contextEntries(entry("aws:SecureTransport", ContextKeyTypeEnum.BOOLEAN, "yes"))),
                InvalidInputException.class, "Invalid value for context key aws:SecureTransport of type boolean: yes");
        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList(IAM_ALL).contextEntries(entry("aws:CurrentTime", ContextKeyTypeEnum.DATE, "yesterday"))),
                InvalidInputException.class, "Invalid value for context key aws:CurrentTime of type date: yesterday");
        assertError(() -> custom(SimulateCustomPolicyRequest.builder().policyInputList(IAM_ALL).contextEntries(ContextEntry.builder().contextKeyName("aws:x").contextKeyValues("v").build())),
                InvalidInputException.class, "Invalid ContextKeyType for context key aws:x.");
    }

    @Test
    void ec2ScenarioGroupsResources()
    {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:RunInstances\",\"Resource\":\"arn:aws:ec2:*:*:instance/*\"}]}";
        EvaluationResult result = operations.simulateCustomPolicy(call(), SimulateCustomPolicyRequest.builder()
                .policyInputList(policy)
                .actionNames("ec2:RunInstances")
                .resourceArns("arn:aws:ec2:us-east-1:" + ACCOUNT + ":instance/*", "arn:aws:ec2:us-east-1:" + ACCOUNT + ":volume/*")
                .resourceHandlingOption("EC2-VPC-EBS")
                .build()).evaluationResults().get(0);
        assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(result.resourceSpecificResults()).extracting(ResourceSpecificResult::evalResourceDecision)
                .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    private void custom(SimulateCustomPolicyRequest.Builder request)
    {
        operations.simulateCustomPolicy(call(), request.actionNames("iam:GetUser").build());
    }

    private SimulatePrincipalPolicyResponse simulatePrincipal(String arn, String... actions)
    {
        return operations.simulatePrincipalPolicy(call(), SimulatePrincipalPolicyRequest.builder().policySourceArn(arn).actionNames(actions).build());
    }

    static ContextEntry entry(String key, ContextKeyTypeEnum type, String... values)
    {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(type).contextKeyValues(values).build();
    }
}
