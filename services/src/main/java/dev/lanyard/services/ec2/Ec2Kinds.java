package dev.lanyard.services.ec2;

/**
 * The kinds of EC2 entities in the store and the relation between them. EC2 resources are regional: an entity's path is
 * {@code /REGION/}, so a listing by path prefix sees one region and a lookup by id checks the path.
 */
final class Ec2Kinds
{
    static final String INSTANCE = "ec2-instance";
    static final String IAM_INSTANCE_PROFILE_ASSOCIATION = "ec2-iam-instance-profile-association";
    /** A RunInstances ClientToken, named by region and token, holding the reservation it launched. */
    static final String CLIENT_TOKEN = "ec2-client-token";

    /** Link: instance id → its association id (at most one). */
    static final String INSTANCE_ASSOCIATION = "ec2-instance-iam-association";

    private Ec2Kinds() {}

    static String regionPath(String region)
    {
        return "/" + region + "/";
    }
}
