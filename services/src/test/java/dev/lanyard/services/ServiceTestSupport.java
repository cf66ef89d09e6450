package dev.lanyard.services;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccountService;
import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.services.authorization.AccessDenials;
import dev.lanyard.services.authorization.PolicyAccessControl;
import dev.lanyard.services.ec2.Ec2Context;
import dev.lanyard.services.ec2.Ec2Operations;
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
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
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
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A real SQLite store with the IAM and EC2 operations and those of one service that launches through EC2 (Auto Scaling,
 * EMR), called as the registry would call them: the shared part of those services' test supports.
 */
public class ServiceTestSupport
        implements AutoCloseable
{
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    public static final String EC2_TRUST = trust("ec2.amazonaws.com");

    /** Registers the service's own operations over the store and the policy decision. */
    @FunctionalInterface
    protected interface Registration
    {
        void register(Store store, AccessControl accessControl, OperationRegistry operations);
    }

    private final AwsService service;
    private final Store store;
    private final OperationRegistry operations = new OperationRegistry();

    protected ServiceTestSupport(AwsService service, Registration registration)
    {
        this.service = requireNonNull(service, "service is null");
        try {
            store = SqliteStore.open(Files.createTempDirectory("lanyard-" + service.name().toLowerCase() + "-"), new SecretCipher(MasterKey.random()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AccountService accounts = new AccountService(store, Clock.systemUTC(), new AccessKeyGenerator());
        accounts.bootstrap(ACCOUNT, Optional.empty());
        AuthorizationMessageSealer sealer = new AuthorizationMessageSealer(SessionTokenKeyRing.load(store, ACCOUNT, Clock.systemUTC()));
        PolicyAccessControl accessControl = new PolicyAccessControl(store, new AccessDenials(sealer));
        new IamOperations(new IamContext(store, Clock.systemUTC())).register(operations);
        new Ec2Operations(new Ec2Context(store, Clock.systemUTC(), accessControl)).register(operations);
        registration.register(store, accessControl, operations);
    }

    public static String trust(String servicePrincipal)
    {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"" + servicePrincipal + "\"}, \"Action\": \"sts:AssumeRole\"}]}";
    }

    protected static CallContext rootCall(AwsService service)
    {
        return call(Caller.root(ACCOUNT, "AKIATESTROOTKEY00001"), service);
    }

    protected static CallContext userCall(User user, AwsService service)
    {
        return call(new Caller(ACCOUNT, user.arn(), user.userId(), Caller.PrincipalType.USER, "AKIATESTUSERKEY00001"), service);
    }

    private static CallContext call(Caller caller, AwsService service)
    {
        return new CallContext(caller, service, "Test", "request-1", REGION, Instant.now(), "127.0.0.1", true);
    }

    /** Any registered operation as the given caller, with the caller's service set from the request's package. */
    @SuppressWarnings("unchecked")
    public <T extends SdkResponse> T call(CallContext call, SdkRequest request)
    {
        AwsService requestService = request.getClass().getPackageName().contains(".iam.") ? AwsService.IAM
                : request.getClass().getPackageName().contains(".ec2.") ? AwsService.EC2 : service;
        CallContext context = new CallContext(call.caller(), requestService, request.getClass().getSimpleName(), "request-1", REGION, Instant.now(), "127.0.0.1", true);
        return (T) operations.find(request.getClass()).orElseThrow().invoke(context, request);
    }

    public <T extends SdkResponse> T root(SdkRequest request)
    {
        return call(rootCall(service), request);
    }

    public void role(String name, String trustPolicy)
    {
        root(CreateRoleRequest.builder().roleName(name).assumeRolePolicyDocument(trustPolicy).build());
    }

    /** An instance profile holding a role of the same name with this trust policy. */
    public InstanceProfile profileWithRole(String name, String trustPolicy)
    {
        InstanceProfile profile = ((CreateInstanceProfileResponse) root(CreateInstanceProfileRequest.builder().instanceProfileName(name).build())).instanceProfile();
        role(name, trustPolicy);
        root(AddRoleToInstanceProfileRequest.builder().instanceProfileName(name).roleName(name).build());
        return profile;
    }

    public User userWithPolicy(String name, String statement)
    {
        User user = ((CreateUserResponse) root(CreateUserRequest.builder().userName(name).build())).user();
        root(PutUserPolicyRequest.builder().userName(name).policyName("policy").policyDocument("{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}").build());
        return user;
    }

    public List<Instance> instances(List<String> instanceIds)
    {
        DescribeInstancesResponse response = root(DescribeInstancesRequest.builder().instanceIds(instanceIds).build());
        return response.reservations().stream().flatMap(reservation -> reservation.instances().stream()).toList();
    }

    public static AwsErrorException error(ThrowableAssert.ThrowingCallable call, String code, String message)
    {
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, call);
        assertThat(error).as("expected %s", code).isNotNull();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
        return error;
    }

    @Override
    public void close()
    {
        store.close();
    }
}
