package dev.lanyard.protocol.model;

import dev.lanyard.protocol.AwsService;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The SDK's request classes of a service, found through its synchronous client's methods, by lowercased operation name. */
final class SdkOperations
{
    private SdkOperations() {}

    static Map<String, Class<? extends SdkRequest>> requestClasses(AwsService service)
    {
        Class<?> client;
        try {
            client = Class.forName(service.syncClientClassName());
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Class<? extends SdkRequest>> requests = new TreeMap<>();
        for (Method method : client.getMethods()) {
            if (method.getParameterCount() != 1 || !SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])) {
                continue;
            }
            Class<? extends SdkRequest> requestClass = method.getParameterTypes()[0].asSubclass(SdkRequest.class);
            String simpleName = requestClass.getSimpleName();
            if (simpleName.endsWith("Request")) {
                requests.put(simpleName.substring(0, simpleName.length() - "Request".length()).toLowerCase(Locale.ROOT), requestClass);
            }
        }
        return requests;
    }

    static SdkRequest emptyRequest(Class<? extends SdkRequest> requestClass)
    {
        try {
            SdkBuilder<?, ?> builder = (SdkBuilder<?, ?>) requestClass.getMethod("builder").invoke(null);
            return (SdkRequest) builder.build();
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
