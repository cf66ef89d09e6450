package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;

/**
 * IAM's errors, as the SDK's modelled exceptions (the pipeline maps them to code and status through the model table).
 * The messages are AWS's; each family adds its own specific ones beside these.
 */
public final class IamErrors
{
    private IamErrors() {}

    /** e.g. noSuchEntity("role", "admin") → "The role with name admin cannot be found." */
    public static NoSuchEntityException noSuchEntity(String kindInMessage, String name)
    {
        return NoSuchEntityException.builder().message("The " + kindInMessage + " with name " + name + " cannot be found.").build();
    }

    public static NoSuchEntityException noSuchEntity(String message)
    {
        return NoSuchEntityException.builder().message(message).build();
    }

    /** e.g. alreadyExists("Role", "admin") → "Role with name admin already exists." */
    public static EntityAlreadyExistsException alreadyExists(String kindInMessage, String name)
    {
        return EntityAlreadyExistsException.builder().message(kindInMessage + " with name " + name + " already exists.").build();
    }

    public static DeleteConflictException deleteConflict(String message)
    {
        return DeleteConflictException.builder().message(message).build();
    }

    public static LimitExceededException limitExceeded(String message)
    {
        return LimitExceededException.builder().message(message).build();
    }

    public static InvalidInputException invalidInput(String message)
    {
        return InvalidInputException.builder().message(message).build();
    }

    /** A service-linked role: only its service may change it. */
    public static UnmodifiableEntityException protectedRole(String roleName)
    {
        return UnmodifiableEntityException.builder()
                .message("Cannot perform the operation on the protected role '" + roleName + "' - this role is only modifiable by AWS")
                .build();
    }

    public static MalformedPolicyDocumentException malformedPolicy(String message)
    {
        return MalformedPolicyDocumentException.builder().message(message).build();
    }
}
