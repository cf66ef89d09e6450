package dev.lanyard.policy;

/** Where a policy document is used; the grammar's rules differ (a trust policy needs Principal, an identity policy forbids it). */
public enum PolicyUse
{
    /** Inline and managed policies of users, groups and roles, and permissions boundaries. */
    IDENTITY,
    /** A role's trust policy (AssumeRolePolicyDocument). */
    TRUST,
    /** Other resource-based policies. */
    RESOURCE,
    /** Session policies passed to AssumeRole, GetFederationToken and friends. */
    SESSION,
}
