package dev.lanyard.protocol;

import static java.util.Objects.requireNonNull;

/**
 * An error answered to the client in the service's own wire format: code, message, HTTP status and whether the sender
 * (400s) or the receiver (500s) is at fault. Business code throws this, or one of the SDK's modelled exceptions
 * (translated by {@code ModelErrors}); it never writes an error body itself.
 */
public class AwsErrorException
        extends RuntimeException
{
    private final String code;
    private final int httpStatus;
    private final boolean senderFault;

    public AwsErrorException(String code, String message, int httpStatus)
    {
        this(code, message, httpStatus, httpStatus < 500);
    }

    public AwsErrorException(String code, String message, int httpStatus, boolean senderFault)
    {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.code = requireNonNull(code, "code is null");
        this.httpStatus = httpStatus;
        this.senderFault = senderFault;
    }

    public String code()
    {
        return code;
    }

    public int httpStatus()
    {
        return httpStatus;
    }

    public boolean senderFault()
    {
        return senderFault;
    }

    public static AwsErrorException notImplemented(AwsService service, String operation)
    {
        return new AwsErrorException("NotImplemented", "The operation " + operation + " of " + service.signingName() + " is modelled but not implemented by Lanyard yet.", 400);
    }

    public static AwsErrorException invalidAction(String action)
    {
        return new AwsErrorException("InvalidAction", "Could not find operation " + action + " for version " + AwsService.IAM.apiVersion(), 400);
    }
}
