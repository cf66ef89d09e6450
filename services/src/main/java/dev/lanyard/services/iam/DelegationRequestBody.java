package dev.lanyard.services.iam;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A delegation request as stored (entity kind {@value #KIND} in the requestor's account; id the request id, name the
 * requestor's workflow id, which IAM keeps unique per requestor). Timestamps are ISO-8601 instants; state is the stored
 * state, before expiry is applied.
 */
public record DelegationRequestBody(
        String requestorAccountId,
        String ownerAccountId,
        String ownerId,
        String approverId,
        String description,
        String requestMessage,
        String policyTemplateArn,
        List<Parameter> parameters,
        String requestorWorkflowId,
        String redirectUrl,
        String notificationChannel,
        int sessionDuration,
        boolean onlySendByOwner,
        String state,
        String notes,
        String rejectionReason,
        String createDate,
        String updatedTime,
        String expirationTime)
{
    public static final String KIND = "delegation-request";

    public DelegationRequestBody
    {
        requireNonNull(requestorAccountId, "requestorAccountId is null");
        requireNonNull(description, "description is null");
        requireNonNull(requestorWorkflowId, "requestorWorkflowId is null");
        requireNonNull(notificationChannel, "notificationChannel is null");
        requireNonNull(state, "state is null");
        requireNonNull(createDate, "createDate is null");
        requireNonNull(updatedTime, "updatedTime is null");
        requireNonNull(expirationTime, "expirationTime is null");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public record Parameter(String name, List<String> values, String type) {}

    DelegationRequestBody withOwner(String newOwnerAccountId, String newOwnerId, String newState, String now)
    {
        return new DelegationRequestBody(requestorAccountId, newOwnerAccountId, newOwnerId, approverId, description, requestMessage, policyTemplateArn, parameters,
                requestorWorkflowId, redirectUrl, notificationChannel, sessionDuration, onlySendByOwner, newState, notes, rejectionReason, createDate, now, expirationTime);
    }

    DelegationRequestBody withState(String newState, String newApproverId, String newNotes, String newRejectionReason, String now, String newExpirationTime)
    {
        return new DelegationRequestBody(requestorAccountId, ownerAccountId, ownerId, newApproverId, description, requestMessage, policyTemplateArn, parameters,
                requestorWorkflowId, redirectUrl, notificationChannel, sessionDuration, onlySendByOwner, newState, newNotes, newRejectionReason, createDate, now, newExpirationTime);
    }
}
