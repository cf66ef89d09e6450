package dev.lanyard.services.authorization;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.EvaluationResult;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccountService;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.iam.IamContext;
import dev.lanyard.services.iam.IamOperations;
import dev.lanyard.services.sts.AuthorizationMessageSealer;
import dev.lanyard.services.sts.SessionClaims;
import dev.lanyard.services.sts.SessionTokenKeyRing;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.iam.model.AddUserToGroupRequest;
import software.amazon.awssdk.services.iam.model.AttachGroupPolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.CreateGroupRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.DeleteUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy decision for users and sessions on a real SQLite store, set up through the IAM operations. */
class PolicyAccessControlTest
{
    private static final String ACCOUNT_ID = "123456789012";
    private static final String ALLOW_ALL_IAM = allow("iam:*", "*");

    private Store store;
    private OperationRegistry operations;
    private RootCredentials root;
    private PolicyAccessControl accessControl;

    @BeforeEach
    void setUp(@TempDir Path directory)
    {
        store = SqliteStore.open(directory, new SecretCipher(MasterKey.random()));
        root = new AccountService(store, Clock.systemUTC(), new AccessKeyGenerator()).bootstrap(ACCOUNT_ID, Optional.empty());
        operations = new OperationRegistry();
        new IamOperations(new IamContext(store, Clock.systemUTC())).register(operations);
        SessionTokenKeyRing keys = SessionTokenKeyRing.load(store, ACCOUNT_ID, Clock.systemUTC());
        accessControl = new PolicyAccessControl(store, new AccessDenials(new AuthorizationMessageSealer(keys)));
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    @Test
    void rootIsAllowedEverythingInItsAccount()
    {
        CallContext call = call(Caller.root(ACCOUNT_ID, root.accessKeyId()), "127.0.0.1");
        assertThat(decide(call, "iam:DeleteAccountPasswordPolicy", "*").result()).isEqualTo(EvaluationResult.ALLOWED);
        assertThat(accessControl.cachedPrincipals()).isZero();
    }

    @Test
    void userIsAllowedByInlineAttachedAndGroupPolicies()
    {
        User alice = createUser("alice");
        CallContext call = userCall(alice, "127.0.0.1");
        assertThat(decide(call, "iam:ListUsers", "*").result()).isEqualTo(EvaluationResult.IMPLICIT_DENY);

        invoke(PutUserPolicyRequest.builder().userName("alice").policyName("list").policyDocument(allow("iam:ListUsers", "*")).build());
        assertThat(decide(call, "iam:ListUsers", "*").allowed()).isTrue();

        String rolesPolicy = ((CreatePolicyResponse) invoke(CreatePolicyRequest.builder().policyName("roles").policyDocument(allow("iam:ListRoles", "*")).build())).policy().arn();
        invoke(AttachUserPolicyRequest.builder().userName("alice").policyArn(rolesPolicy).build());
        assertThat(decide(call, "iam:ListRoles", "*").allowed()).isTrue();

        String groupsPolicy = ((CreatePolicyResponse) invoke(CreatePolicyRequest.builder().policyName("groups").policyDocument(allow("iam:ListGroups", "*")).build())).policy().arn();
        invoke(CreateGroupRequest.builder().groupName("readers").build());
        invoke(AttachGroupPolicyRequest.builder().groupName("readers").policyArn(groupsPolicy).build());
        assertThat(decide(call, "iam:ListGroups", "*").allowed()).isFalse();
        invoke(AddUserToGroupRequest.builder().groupName("readers").userName("alice").build());
        assertThat(decide(call, "iam:ListGroups", "*").allowed()).isTrue();
        assertThat(decide(call, "iam:CreateUser", "arn:aws:iam::123456789012:user/bob").allowed()).isFalse();
    }

    @Test
    void boundaryCutsPermissionsAndExplicitDenyWins()
    {
        User bob = createUser("bob");
        invoke(PutUserPolicyRequest.builder().userName("bob").policyName("admin").policyDocument(ALLOW_ALL_IAM).build());
        CallContext call = userCall(bob, "127.0.0.1");
        assertThat(decide(call, "iam:DeleteRole", "arn:aws:iam::123456789012:role/x").allowed()).isTrue();

        String boundary = ((CreatePolicyResponse) invoke(CreatePolicyRequest.builder().policyName("boundary").policyDocument(allow("iam:Get*", "*")).build())).policy().arn();
        invoke(PutUserPermissionsBoundaryRequest.builder().userName("bob").permissionsBoundary(boundary).build());
        Decision denied = decide(call, "iam:DeleteRole", "arn:aws:iam::123456789012:role/x");
        assertThat(denied.result()).isEqualTo(EvaluationResult.IMPLICIT_DENY);
        assertThat(denied.layer()).isEqualTo(PolicyLayer.PERMISSIONS_BOUNDARY);
        assertThat(decide(call, "iam:GetRole", "arn:aws:iam::123456789012:role/x").allowed()).isTrue();

        invoke(PutUserPolicyRequest.builder().userName("bob").policyName("no-get-role").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:GetRole", "Resource": "*"}]}""").build());
        assertThat(decide(call, "iam:GetRole", "arn:aws:iam::123456789012:role/x").result()).isEqualTo(EvaluationResult.EXPLICIT_DENY);
        assertThatThrownBy(() -> accessControl.require(call, "iam:GetRole", "arn:aws:iam::123456789012:role/x", Map.of(), Optional.empty()))
                .isInstanceOfSatisfying(AwsErrorException.class, error -> {
                    assertThat(error.code()).isEqualTo("AccessDenied");
                    assertThat(error.httpStatus()).isEqualTo(403);
                    assertThat(error.getMessage()).isEqualTo("User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:GetRole on resource: "
                            + "arn:aws:iam::123456789012:role/x with an explicit deny in an identity-based policy");
                });
    }

    @Test
    void conditionsOnPrincipalTagsAndSourceIp()
    {
        invoke(CreateUserRequest.builder().userName("carol").tags(Tag.builder().key("team").value("core").build()).build());
        User carol = getUser("carol");
        invoke(PutUserPolicyRequest.builder().userName("carol").policyName("conditions").policyDocument("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "core"}}},
                  {"Effect": "Allow", "Action": "iam:ListRoles", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "other"}}},
                  {"Effect": "Allow", "Action": "iam:ListGroups", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
                  {"Effect": "Allow", "Action": "iam:ListPolicies", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "${aws:username}", "aws:PrincipalType": "User"}}}
                ]}""").build());
        assertThat(decide(userCall(carol, "127.0.0.1"), "iam:ListUsers", "*").allowed()).isTrue();
        assertThat(decide(userCall(carol, "127.0.0.1"), "iam:ListRoles", "*").allowed()).isFalse();
        assertThat(decide(userCall(carol, "10.1.2.3"), "iam:ListGroups", "*").allowed()).isTrue();
        assertThat(decide(userCall(carol, "192.168.0.1"), "iam:ListGroups", "*").allowed()).isFalse();
        assertThat(decide(userCall(carol, "127.0.0.1"), "iam:ListPolicies", "*").allowed()).isTrue();
    }

    @Test
    void cachedPoliciesFollowEveryChangeAtOnce()
    {
        User dave = createUser("dave");
        CallContext call = userCall(dave, "127.0.0.1");
        invoke(PutUserPolicyRequest.builder().userName("dave").policyName("list").policyDocument(allow("iam:ListUsers", "*")).build());
        assertThat(decide(call, "iam:ListUsers", "*").allowed()).isTrue();
        assertThat(decide(call, "iam:ListUsers", "*").allowed()).isTrue();
        assertThat(accessControl.cachedPrincipals()).isEqualTo(1);

        invoke(DeleteUserPolicyRequest.builder().userName("dave").policyName("list").build());
        assertThat(decide(call, "iam:ListUsers", "*").allowed()).isFalse();
        assertThat(accessControl.cachedPrincipals()).isEqualTo(1);
    }

    @Test
    void sessionsCarryTheirOwnKeysAndPolicies()
    {
        User erin = createUser("erin");
        invoke(PutUserPolicyRequest.builder().userName("erin").policyName("mfa").policyDocument("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "iam:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
                  {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}
                ]}""").build());
        // A long-term key has no aws:MultiFactorAuthPresent at all; a session without MFA has it false.
        assertThat(decide(userCall(erin, "127.0.0.1"), "iam:ListUsers", "*").allowed()).isFalse();
        SessionClaims withoutMfa = claims(erin, SessionClaims.SessionKind.USER_SESSION, Optional.empty(), Optional.empty());
        assertThat(decide(sessionCall(erin, withoutMfa), "iam:ListUsers", "*").allowed()).isFalse();
        SessionClaims withMfa = claims(erin, SessionClaims.SessionKind.USER_SESSION, Optional.of(Instant.now()), Optional.empty());
        assertThat(decide(sessionCall(erin, withMfa), "iam:ListUsers", "*").allowed()).isTrue();

        // A federated user gets the intersection of the user's policies and the passed ones; nothing without passed policies.
        SessionClaims federatedNothing = claims(erin, SessionClaims.SessionKind.FEDERATED_USER, Optional.empty(), Optional.empty());
        assertThat(decide(sessionCall(erin, federatedNothing), "iam:GetUser", "*").allowed()).isFalse();
        SessionClaims federated = claims(erin, SessionClaims.SessionKind.FEDERATED_USER, Optional.empty(), Optional.of(allow("iam:Get*", "*")));
        assertThat(decide(sessionCall(erin, federated), "iam:GetUser", "*").allowed()).isTrue();
        assertThat(decide(sessionCall(erin, federated), "iam:ListUsers", "*").allowed()).isFalse();
    }

    private Decision decide(CallContext call, String action, String resource)
    {
        return accessControl.decide(call, action, resource, Map.<String, List<ContextValue>>of(), Optional.empty());
    }

    private User createUser(String name)
    {
        return ((CreateUserResponse) invoke(CreateUserRequest.builder().userName(name).build())).user();
    }

    private User getUser(String name)
    {
        return ((software.amazon.awssdk.services.iam.model.GetUserResponse) invoke(software.amazon.awssdk.services.iam.model.GetUserRequest.builder().userName(name).build())).user();
    }

    private SdkResponse invoke(SdkRequest request)
    {
        return operations.find(request.getClass()).orElseThrow().invoke(call(Caller.root(ACCOUNT_ID, root.accessKeyId()), "127.0.0.1"), request);
    }

    private static CallContext userCall(User user, String sourceIp)
    {
        return call(new Caller(ACCOUNT_ID, user.arn(), user.userId(), Caller.PrincipalType.USER, "AKIAUSERKEY000000000"), sourceIp);
    }

    private static CallContext sessionCall(User user, SessionClaims claims)
    {
        Caller.PrincipalType type = claims.kind() == SessionClaims.SessionKind.FEDERATED_USER ? Caller.PrincipalType.FEDERATED_USER : Caller.PrincipalType.USER;
        return call(new Caller(ACCOUNT_ID, claims.principalArn(), claims.principalId(), type, claims.accessKeyId(), Optional.of(claims)), "127.0.0.1");
    }

    private static SessionClaims claims(User user, SessionClaims.SessionKind kind, Optional<Instant> mfa, Optional<String> sessionPolicy)
    {
        boolean federated = kind == SessionClaims.SessionKind.FEDERATED_USER;
        Instant now = Instant.now();
        return new SessionClaims("ASIASESSIONKEY000001", "secret", ACCOUNT_ID, kind,
                federated ? "arn:aws:sts::" + ACCOUNT_ID + ":federated-user/fed" : user.arn(),
                federated ? ACCOUNT_ID + ":fed" : user.userId(),
                user.userId(), federated ? "fed" : "", now, now.plusSeconds(3600), mfa, Optional.empty(), sessionPolicy, List.of(), Map.of(), Set.of(), false);
    }

    private static CallContext call(Caller caller, String sourceIp)
    {
        return new CallContext(caller, AwsService.IAM, "Test", "request-1", "us-east-1", Instant.now(), sourceIp, true, "aws-sdk-java/2");
    }

    private static String allow(String action, String resource)
    {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"" + action + "\", \"Resource\": \"" + resource + "\"}]}";
    }
}
