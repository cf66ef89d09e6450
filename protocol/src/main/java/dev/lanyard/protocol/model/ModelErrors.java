package dev.lanyard.protocol.model;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns the SDK's modelled exceptions, which business code may throw
 * ({@code NoSuchEntityException.builder().message("...").build()}), into the error the wire answers: code, HTTP
 * status and fault from the model, since the SDK classes carry none of them. EC2 models no errors; its code comes
 * from the exception's error details ({@code Ec2Exception.builder().awsErrorDetails(...)}).
 */
public final class ModelErrors
{
    private final ModelTables tables;

    public ModelErrors(ModelTables tables)
    {
        this.tables = requireNonNull(tables, "tables is null");
    }

    public AwsErrorException translate(AwsService service, AwsServiceException modelled)
    {
        requireNonNull(modelled, "modelled is null");
        ServiceTable table = tables.table(service);
        String message = message(modelled);
        Optional<ErrorShape> byClass = table.errorForSdkExceptionName(modelled.getClass().getSimpleName());
        if (byClass.isPresent()) {
            return byClass.get().toException(message);
        }
        AwsErrorDetails details = modelled.awsErrorDetails();
        if (details != null && details.errorCode() != null) {
            Optional<ErrorShape> byCode = table.errorForCode(details.errorCode());
            if (byCode.isPresent()) {
                return byCode.get().toException(message);
            }
            int status = modelled.statusCode() > 0 ? modelled.statusCode() : 400;
            return new AwsErrorException(details.errorCode(), message, status);
        }
        // the service's base exception with no code: nothing says the client erred
        return new AwsErrorException("InternalFailure", message.isEmpty() ? "The request processing has failed because of an unknown error, exception or failure." : message, 500);
    }

    /** The error shape the wire code names ("NoSuchEntity" for IAM), if the service models it. */
    public Optional<ErrorShape> errorForCode(AwsService service, String code)
    {
        return tables.errorForCode(service, requireNonNull(code, "code is null"));
    }

    private static String message(AwsServiceException exception)
    {
        AwsErrorDetails details = exception.awsErrorDetails();
        if (details != null && details.errorMessage() != null) {
            return details.errorMessage();
        }
        // without error details, getMessage() is the message given to the builder, unadorned
        String message = exception.getMessage();
        return message == null ? "" : message;
    }
}
