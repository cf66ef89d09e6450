package dev.lanyard.services.authorization;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccountService;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.iam.IamContext;
import dev.lanyard.services.iam.IamOperations;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the pipeline asks the policy decision for, per operation: actions, rendered ARNs and condition keys. */
class RequestAuthorizerTest
{
    private static final String ACCOUNT_ID = "123456789012";
    private static final String TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";

    private Store store;
    private RootCredentials root;
    private OperationRegistry operations;
    private final List<Check> checks = new ArrayList<>();
    private RequestAuthorizer authorizer;

    private record Check(String action, String resource, Map<String, List<ContextValue>> keys) {}

    @BeforeEach
    void setUp(@TempDir Path directory)
    {
        store = SqliteStore.open(directory, new SecretCipher(MasterKey.random()));
        root = new AccountService(store, Clock.systemUTC(), new AccessKeyGenerator()).bootstrap(ACCOUNT_ID, Optional.empty());
        operations = new OperationRegistry();
        new IamOperations(new IamContext(store, Clock.systemUTC())).register(operations);
        AccessControl recording = new AccessControl()
        {
            @Override
            public Decision decide(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
            {
                throw new UnsupportedOperationException();
            }

            @Override
            public void require(CallContext context, String action, String resourceArn, Map<String, List<ContextValue>> extraContext, Optional<ResourcePolicies> resourcePolicies)
            {
                checks.add(new Check(action, resourceArn, extraContext));
            }
        };
        authorizer = new RequestAuthorizer(store, recording);
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    @Test
    void createRoleWithTagsAlsoNeedsTagRoleWithRequestTags()
    {
        CreateRoleRequest request = CreateRoleRequest.builder().roleName("app").path("/team/").assumeRolePolicyDocument(TRUST)
                .tags(Tag.builder().key("env").value("prod").build()).build();
        authorizer.authorize(userCall(AwsService.IAM, "CreateRole"), request);
        assertThat(checks).extracting(Check::action, Check::resource).containsExactly(
                org.assertj.core.groups.Tuple.tuple("iam:CreateRole", "arn:aws:iam::123456789012:role/team/app"),
                org.assertj.core.groups.Tuple.tuple("iam:TagRole", "arn:aws:iam::123456789012:role/team/app"));
        assertThat(checks.getFirst().keys().get("aws:RequestTag/env")).extracting(ContextValue::text).containsExactly("prod");
        assertThat(checks.getFirst().keys().get("aws:TagKeys")).extracting(ContextValue::text).containsExactly("env");
    }

    @Test
    void pathAndTagsComeFromTheStoredRole()
    {
        operations.find(CreateRoleRequest.class).orElseThrow().invoke(rootCall(), CreateRoleRequest.builder().roleName("stored").path("/deep/path/")
                .assumeRolePolicyDocument(TRUST).tags(Tag.builder().key("owner").value("ops").build()).build());
        authorizer.authorize(userCall(AwsService.IAM, "GetRole"), GetRoleRequest.builder().roleName("stored").build());
        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.resource()).isEqualTo("arn:aws:iam::123456789012:role/deep/path/stored");
            assertThat(check.keys().get("aws:ResourceTag/owner")).extracting(ContextValue::text).containsExactly("ops");
            assertThat(check.keys().get("iam:ResourceTag/owner")).extracting(ContextValue::text).containsExactly("ops");
        });

        checks.clear();
        authorizer.authorize(userCall(AwsService.IAM, "GetRole"), GetRoleRequest.builder().roleName("missing").build());
        assertThat(checks).extracting(Check::resource).containsExactly("arn:aws:iam::123456789012:role/missing");
    }

    @Test
    void absentUserNameIsTheCaller()
    {
        authorizer.authorize(userCall(AwsService.IAM, "UpdateAccessKey"), UpdateAccessKeyRequest.builder().accessKeyId("AKIAEXAMPLE").status("Inactive").build());
        assertThat(checks).extracting(Check::resource).containsExactly("arn:aws:iam::123456789012:user/staff/alice");
    }

    @Test
    void listMembersRenderOncePerElementAndUnknownOperationsUseTheirName()
    {
        authorizer.authorize(userCall(AwsService.EC2, "TerminateInstances"), TerminateInstancesRequest.builder().instanceIds("i-1", "i-2").build());
        assertThat(checks).extracting(Check::resource).containsExactly(
                "arn:aws:ec2:us-east-1:123456789012:instance/i-1",
                "arn:aws:ec2:us-east-1:123456789012:instance/i-2");

        checks.clear();
        authorizer.authorize(userCall(AwsService.EC2, "DescribeVolumes"), software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest.builder().build());
        assertThat(checks).extracting(Check::action, Check::resource).containsExactly(org.assertj.core.groups.Tuple.tuple("ec2:DescribeVolumes", "*"));
    }

    @Test
    void rootAndWhoAmINeedNoCheck()
    {
        authorizer.authorize(rootCall(), GetRoleRequest.builder().roleName("any").build());
        authorizer.authorize(userCall(AwsService.STS, "GetCallerIdentity"), GetCallerIdentityRequest.builder().build());
        assertThat(checks).isEmpty();
    }

    private CallContext rootCall()
    {
        return new CallContext(Caller.root(ACCOUNT_ID, root.accessKeyId()), AwsService.IAM, "Test", "request-1", "us-east-1", Instant.now(), "127.0.0.1", true);
    }

    private static CallContext userCall(AwsService service, String operation)
    {
        Caller alice = new Caller(ACCOUNT_ID, "arn:aws:iam::123456789012:user/staff/alice", "AIDAALICE", Caller.PrincipalType.USER, "AKIAALICE");
        return new CallContext(alice, service, operation, "request-1", "us-east-1", Instant.now(), "127.0.0.1", true);
    }
}
