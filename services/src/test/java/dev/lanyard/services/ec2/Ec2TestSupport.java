package dev.lanyard.services.ec2;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccountService;
import dev.lanyard.services.authorization.AccessDenials;
import dev.lanyard.services.authorization.PolicyAccessControl;
import dev.lanyard.services.iam.IamContext;
import dev.lanyard.services.iam.IamOperations;
import dev.lanyard.services.sts.AuthorizationMessageSealer;
import dev.lanyard.services.sts.SessionTokenKeyRing;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.User;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A real SQLite store with the IAM operations (to make roles, profiles, users and policies) and the EC2 operations. */
final class Ec2TestSupport
        implements AutoCloseable
{
    static final String ACCOUNT = "123456789012";
    static final String OTHER_ACCOUNT = "210987654321";
    static final String REGION = "us-east-1";
    static final String IMAGE = "ami-0123456789abcdef0";
    static final String EC2_TRUST = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}";

    final Store store;
    final AuthorizationMessageSealer sealer;
    final InstanceOperations instances;
    final IamInstanceProfileAssociationOperations associations;
    private final OperationRegistry iam = new OperationRegistry();

    Ec2TestSupport()
    {
        try {
            store = SqliteStore.open(Files.createTempDirectory("lanyard-ec2-"), new SecretCipher(MasterKey.random()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AccountService accounts = new AccountService(store, Clock.systemUTC(), new AccessKeyGenerator());
        accounts.bootstrap(ACCOUNT, Optional.empty());
        accounts.createAccount(OTHER_ACCOUNT);
        new IamOperations(new IamContext(store, Clock.systemUTC())).register(iam);
        sealer = new AuthorizationMessageSealer(SessionTokenKeyRing.load(store, ACCOUNT, Clock.systemUTC()));
        Ec2Context context = new Ec2Context(store, Clock.systemUTC(), new PolicyAccessControl(store, new AccessDenials(sealer)));
        instances = new InstanceOperations(context);
        associations = new IamInstanceProfileAssociationOperations(context);
    }

    static CallContext root()
    {
        return root(ACCOUNT, REGION);
    }

    static CallContext root(String accountId, String region)
    {
        return call(Caller.root(accountId, "AKIATESTROOTKEY00001"), region);
    }

    static CallContext user(User user)
    {
        return call(new Caller(ACCOUNT, user.arn(), user.userId(), Caller.PrincipalType.USER, "AKIATESTUSERKEY00001"), REGION);
    }

    private static CallContext call(Caller caller, String region)
    {
        return new CallContext(caller, AwsService.EC2, "Test", "request-1", region, Instant.now(), "127.0.0.1", true);
    }

    /** An IAM operation as the root of {@code accountId}. */
    SdkResponse iam(String accountId, SdkRequest request)
    {
        CallContext call = new CallContext(Caller.root(accountId, "AKIATESTROOTKEY00001"), AwsService.IAM, "Test", "request-1", REGION, Instant.now(), "127.0.0.1", true);
        return iam.find(request.getClass()).orElseThrow().invoke(call, request);
    }

    /** A role trusted by EC2 in an instance profile of the same name; returns the profile. */
    InstanceProfile profileWithRole(String accountId, String name)
    {
        InstanceProfile profile = profileWithoutRole(accountId, name);
        iam(accountId, CreateRoleRequest.builder().roleName(name).path("/ec2/").assumeRolePolicyDocument(EC2_TRUST).build());
        iam(accountId, AddRoleToInstanceProfileRequest.builder().instanceProfileName(name).roleName(name).build());
        return profile;
    }

    InstanceProfile profileWithoutRole(String accountId, String name)
    {
        return ((CreateInstanceProfileResponse) iam(accountId, CreateInstanceProfileRequest.builder().instanceProfileName(name).build())).instanceProfile();
    }

    String roleArn(String name)
    {
        return ((CreateRoleResponse) iam(ACCOUNT, CreateRoleRequest.builder().roleName(name).assumeRolePolicyDocument(EC2_TRUST).build())).role().arn();
    }

    User userWithPolicy(String name, String policyDocument)
    {
        User user = ((CreateUserResponse) iam(ACCOUNT, CreateUserRequest.builder().userName(name).build())).user();
        iam(ACCOUNT, PutUserPolicyRequest.builder().userName(name).policyName("policy").policyDocument(policyDocument).build());
        return user;
    }

    Instance run(CallContext call)
    {
        return instances.runInstances(call, RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).build()).instances().getFirst();
    }

    Instance run(CallContext call, IamInstanceProfileSpecification profile)
    {
        return instances.runInstances(call, RunInstancesRequest.builder().imageId(IMAGE).minCount(1).maxCount(1).iamInstanceProfile(profile).build()).instances().getFirst();
    }

    static AwsErrorException error(ThrowableAssert.ThrowingCallable call, String code, int status)
    {
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, call);
        assertThat(error).as("expected %s", code).isNotNull();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.httpStatus()).isEqualTo(status);
        return error;
    }

    @Override
    public void close()
    {
        store.close();
    }
}
