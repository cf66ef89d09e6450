package dev.lanyard.protocol;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.protocols.core.OperationInfo;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The operations of each service, derived from the AWS SDK's synchronous client interface: every default method taking one
 * {@code XxxRequest} and returning an {@code XxxResponse} is an operation.
 * <p>
 * A service's classes are loaded on its first lookup only (EC2's ~1500 model classes cost a noticeable cold start).
 * Lookups are case-insensitive because the SDK renames acronyms in class names (CreateOpenIDConnectProvider becomes
 * CreateOpenIdConnectProviderRequest); the name of a returned {@link OperationModel} is always the wire (botocore) spelling,
 * read from the SDK's generated marshaller of that operation the first time it is asked for.
 */
public final class ServiceCatalog
{
    private static final Map<AwsService, Catalog> CATALOGS = new ConcurrentHashMap<>();

    private ServiceCatalog() {}

    public static Optional<OperationModel> operation(AwsService service, String name)
    {
        requireNonNull(service, "service is null");
        requireNonNull(name, "name is null");
        Entry entry = catalog(service).entries.get(name.toLowerCase(Locale.ROOT));
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(entry.model());
    }

    /** Every operation of the service, with wire names, sorted by name. The first call resolves all wire names of the service. */
    public static List<OperationModel> operations(AwsService service)
    {
        requireNonNull(service, "service is null");
        Catalog catalog = catalog(service);
        List<OperationModel> operations = catalog.all;
        if (operations == null) {
            operations = catalog.entries.values().stream()
                    .map(Entry::model)
                    .sorted(Comparator.comparing(OperationModel::name))
                    .toList();
            catalog.all = operations;
        }
        return operations;
    }

    private static Catalog catalog(AwsService service)
    {
        Catalog catalog = CATALOGS.get(service);
        if (catalog == null) {
            catalog = CATALOGS.computeIfAbsent(service, Catalog::load);
        }
        return catalog;
    }

    private static final class Catalog
    {
        private final Map<String, Entry> entries;
        private volatile List<OperationModel> all;

        private Catalog(Map<String, Entry> entries)
        {
            this.entries = Map.copyOf(entries);
        }

        static Catalog load(AwsService service)
        {
            Class<?> client;
            try {
                client = Class.forName(service.syncClientClassName(), false, ServiceCatalog.class.getClassLoader());
            }
            catch (ClassNotFoundException e) {
                throw new IllegalStateException("The AWS SDK client " + service.syncClientClassName() + " is not on the class path", e);
            }
            Map<String, Entry> entries = new HashMap<>();
            for (Method method : client.getMethods()) {
                if (!method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 1) {
                    continue;
                }
                Class<?> parameter = method.getParameterTypes()[0];
                Class<?> result = method.getReturnType();
                if (!SdkRequest.class.isAssignableFrom(parameter) || !SdkResponse.class.isAssignableFrom(result)) {
                    continue;
                }
                String sdkName = parameter.getSimpleName().substring(0, parameter.getSimpleName().length() - "Request".length());
                entries.put(sdkName.toLowerCase(Locale.ROOT), new Entry(service, sdkName, parameter.asSubclass(SdkRequest.class), result.asSubclass(SdkResponse.class)));
            }
            return new Catalog(entries);
        }
    }

    private static final class Entry
    {
        private final AwsService service;
        private final String sdkName;
        private final Class<? extends SdkRequest> requestClass;
        private final Class<? extends SdkResponse> responseClass;
        private volatile OperationModel model;

        Entry(AwsService service, String sdkName, Class<? extends SdkRequest> requestClass, Class<? extends SdkResponse> responseClass)
        {
            this.service = service;
            this.sdkName = sdkName;
            this.requestClass = requestClass;
            this.responseClass = responseClass;
        }

        OperationModel model()
        {
            OperationModel result = model;
            if (result == null) {
                result = new OperationModel(service, wireName(), requestClass, responseClass);
                model = result;
            }
            return result;
        }

        /** The operation identifier of the SDK's generated marshaller; the SDK's class name if that cannot be read. */
        private String wireName()
        {
            String marshaller = service.sdkPackage() + ".transform." + sdkName + "RequestMarshaller";
            try {
                Field binding = Class.forName(marshaller, true, requestClass.getClassLoader()).getDeclaredField("SDK_OPERATION_BINDING");
                binding.setAccessible(true);
                String identifier = ((OperationInfo) binding.get(null)).operationIdentifier();
                if (identifier != null && identifier.equalsIgnoreCase(sdkName)) {
                    return identifier;
                }
            }
            catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // An SDK without that generated field: the class name is right for all but the renamed acronyms.
            }
            return sdkName;
        }
    }
}
