package dev.lanyard.services.iam;

/**
 * How managed policies are linked to the principals using them. Every link goes from the policy's link id to the
 * principal's unique id: the policy id (ANPA...) for a customer managed policy, the ARN for an AWS managed policy (which
 * has no entity in the account). Attachments use {@link EntityKinds#POLICY_ATTACHED_TO_ROLE} and its siblings;
 * permissions boundaries use the two relations below, which the role and user operations insert when they set a
 * boundary (PutRolePermissionsBoundary, CreateRole with PermissionsBoundary, ...), so that
 * PermissionsBoundaryUsageCount, ListPolicies' PolicyUsageFilter and ListEntitiesForPolicy see them.
 * {@link ManagedPolicyDocuments#linkId} gives the id to link from.
 */
public final class ManagedPolicyLinks
{
    public static final String BOUNDARY_OF_ROLE = "policy-boundary-of-role";
    public static final String BOUNDARY_OF_USER = "policy-boundary-of-user";

    private ManagedPolicyLinks() {}
}
