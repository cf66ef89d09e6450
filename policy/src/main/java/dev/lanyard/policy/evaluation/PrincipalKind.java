package dev.lanyard.policy.evaluation;

public enum PrincipalKind
{
    /** The account root user: always allowed within its own account unless an organization policy or resource policy denies. */
    ACCOUNT_ROOT,
    USER,
    /** A role session; matches Principal entries naming the session ARN or the role ARN. */
    ASSUMED_ROLE,
    FEDERATED_USER,
    /** A web identity or SAML principal, before it assumes a role: matched by the Federated principal. */
    WEB_IDENTITY,
    /** An AWS service acting for itself (ec2.amazonaws.com assuming an instance role). */
    SERVICE,
    ANONYMOUS,
}
