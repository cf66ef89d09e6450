package dev.lanyard.services.ec2;

import dev.lanyard.protocol.AwsErrorException;

import java.util.List;

/**
 * EC2's errors: the SDK models none of them, so they are {@link AwsErrorException}s with EC2's codes, all HTTP 400 but
 * DryRunOperation (412). Which messages are AWS's verbatim and which are ours is listed in docs/ec2.md.
 */
final class Ec2Errors
{
    private Ec2Errors() {}

    static AwsErrorException invalidParameterValue(String message)
    {
        return new AwsErrorException("InvalidParameterValue", message, 400);
    }

    static AwsErrorException invalidParameterCombination(String message)
    {
        return new AwsErrorException("InvalidParameterCombination", message, 400);
    }

    static AwsErrorException missingParameter(String parameter)
    {
        return new AwsErrorException("MissingParameter", "The request must contain the parameter " + parameter, 400);
    }

    static AwsErrorException malformedImageId(String imageId)
    {
        return new AwsErrorException("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")", 400);
    }

    static AwsErrorException malformedInstanceId(String instanceId)
    {
        return new AwsErrorException("InvalidInstanceID.Malformed", "Invalid id: \"" + instanceId + "\" (expecting \"i-...\")", 400);
    }

    static AwsErrorException instancesNotFound(List<String> instanceIds)
    {
        String message = instanceIds.size() == 1
                ? "The instance ID '" + instanceIds.getFirst() + "' does not exist"
                : "The instance IDs '" + String.join(", ", instanceIds) + "' do not exist";
        return new AwsErrorException("InvalidInstanceID.NotFound", message, 400);
    }

    static AwsErrorException associationNotFound(String associationId)
    {
        return new AwsErrorException("InvalidAssociationID.NotFound", "The association ID '" + associationId + "' does not exist", 400);
    }

    static AwsErrorException incorrectState(String message)
    {
        return new AwsErrorException("IncorrectState", message, 400);
    }

    static AwsErrorException incorrectInstanceState(String message)
    {
        return new AwsErrorException("IncorrectInstanceState", message, 400);
    }

    static AwsErrorException instanceLimitExceeded(int requested, int limit)
    {
        return new AwsErrorException("InstanceLimitExceeded", "You have requested more instances (" + requested + ") than your current instance limit of " + limit
                + " allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.", 400);
    }

    static AwsErrorException dryRun()
    {
        return new AwsErrorException("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
    }

    static AwsErrorException invalidNextToken(String token)
    {
        return invalidParameterValue("Invalid value '" + token + "' for nextToken.");
    }

    static AwsErrorException invalidFilter(String name)
    {
        return invalidParameterValue("The filter '" + name + "' is invalid");
    }
}
