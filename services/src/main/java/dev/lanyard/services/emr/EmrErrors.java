package dev.lanyard.services.emr;

import dev.lanyard.protocol.AwsErrorException;

/**
 * EMR's errors as {@link AwsErrorException}s with its JSON codes (both 400). Which messages are AWS's verbatim and which
 * are ours is listed in docs/emr.md.
 */
final class EmrErrors
{
    private EmrErrors() {}

    static AwsErrorException validation(String message)
    {
        return new AwsErrorException("ValidationException", message, 400);
    }

    static AwsErrorException invalidRequest(String message)
    {
        return new AwsErrorException("InvalidRequestException", message, 400);
    }

    static AwsErrorException clusterNotFound(String clusterId)
    {
        return invalidRequest("Cluster id '" + clusterId + "' is not valid.");
    }

    static AwsErrorException unsupported(String what)
    {
        return validation("Lanyard does not support " + what + " yet.");
    }
}
