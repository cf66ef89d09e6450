package dev.lanyard.policy.evaluation;

/** The kinds of policy AWS's evaluation logic combines, in the order it considers them. */
public enum PolicyLayer
{
    /** Organization service control policies: the slot exists, the server may leave it empty. */
    ORGANIZATION,
    /** Resource-based policies; a role's trust policy for sts:AssumeRole. */
    RESOURCE,
    /** Inline and managed policies of the user or role, and of the user's groups. */
    IDENTITY,
    PERMISSIONS_BOUNDARY,
    /** Session policies passed when the session was created (inline and PolicyArns). */
    SESSION,
    /** Not a policy: the account root user is allowed within its account. */
    ACCOUNT_ROOT,
}
