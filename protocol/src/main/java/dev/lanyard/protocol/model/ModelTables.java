package dev.lanyard.protocol.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanyard.protocol.AwsService;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The constraint/error tables of all services. Each is read from the class path on first use (EC2's is half a
 * megabyte; a process serving only IAM never pays for it) and kept. Thread-safe.
 */
public final class ModelTables
{
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicReferenceArray<ServiceTable> tables = new AtomicReferenceArray<>(AwsService.values().length);

    public ServiceTable table(AwsService service)
    {
        // lock-free once loaded (error translation asks on every modelled error); the lock only serializes the first load
        ServiceTable table = tables.get(service.ordinal());
        if (table != null) {
            return table;
        }
        synchronized (this) {
            table = tables.get(service.ordinal());
            if (table == null) {
                table = ServiceTable.load(service.signingName(), mapper);
                tables.set(service.ordinal(), table);
            }
            return table;
        }
    }

    /** All modelled operations of the service, botocore spelling ("CreateOpenIDConnectProvider"), sorted. */
    public List<String> operationNames(AwsService service)
    {
        return List.copyOf(table(service).operations().keySet());
    }

    public Optional<OperationShape> operation(AwsService service, String operationName)
    {
        return table(service).operation(operationName);
    }

    public Optional<Shape> shape(AwsService service, String shapeName)
    {
        return table(service).shape(shapeName);
    }

    /** An error shape by its shape name ("NoSuchEntityException"). */
    public Optional<ErrorShape> error(AwsService service, String shapeName)
    {
        return table(service).error(shapeName);
    }

    /** An error shape by the code the wire carries ("NoSuchEntity"). */
    public Optional<ErrorShape> errorForCode(AwsService service, String code)
    {
        return table(service).errorForCode(code);
    }
}
