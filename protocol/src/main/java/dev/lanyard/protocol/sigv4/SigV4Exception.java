package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;

import static java.util.Objects.requireNonNull;

/**
 * A SigV4 failure found before the service is known (while parsing). The server turns it into the
 * service's own wire error with {@link #toAwsError(AwsService)}.
 */
public class SigV4Exception
        extends RuntimeException
{
    private final SigV4Failure failure;

    public SigV4Exception(SigV4Failure failure, String message)
    {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.failure = requireNonNull(failure, "failure is null");
    }

    public SigV4Failure failure()
    {
        return failure;
    }

    public AwsErrorException toAwsError(AwsService service)
    {
        return SigV4Errors.error(failure, service, getMessage());
    }
}
