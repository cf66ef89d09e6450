package dev.lanyard.protocol;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real SDK clients of each service, pointed at a test server, and a generic way to call any of their operations. */
final class SdkClients
{
    private final URI endpoint;
    private final SdkHttpClient httpClient;
    private final Map<AwsService, SdkClient> clients = new ConcurrentHashMap<>();
    private final Map<Class<?>, Method> methods = new ConcurrentHashMap<>();

    SdkClients(URI endpoint, SdkHttpClient httpClient)
    {
        this.endpoint = endpoint;
        this.httpClient = httpClient;
    }

    SdkResponse call(OperationModel operation, SdkRequest request)
    {
        SdkClient client = clients.computeIfAbsent(operation.service(), this::client);
        Method method = methods.computeIfAbsent(operation.requestClass(), requestClass -> method(client, operation));
        try {
            return (SdkResponse) method.invoke(client, request);
        }
        catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method method(SdkClient client, OperationModel operation)
    {
        try {
            for (Method method : Class.forName(operation.service().syncClientClassName()).getMethods()) {
                if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == operation.requestClass() && method.getReturnType() == operation.responseClass()) {
                    return method;
                }
            }
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("no client method for " + operation);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private SdkClient client(AwsService service)
    {
        try {
            Object builder = Class.forName(service.syncClientClassName()).getMethod("builder").invoke(null);
            AwsClientBuilder awsBuilder = (AwsClientBuilder) builder;
            awsBuilder.endpointOverride(endpoint);
            awsBuilder.region(Region.US_EAST_1);
            awsBuilder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));
            awsBuilder.overrideConfiguration(configuration -> ((software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.Builder) configuration)
                    .retryStrategy(AwsRetryStrategy.doNotRetry()));
            ((SdkSyncClientBuilder) builder).httpClient(httpClient);
            return (SdkClient) awsBuilder.build();
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    void close()
    {
        clients.values().forEach(SdkClient::close);
    }
}
