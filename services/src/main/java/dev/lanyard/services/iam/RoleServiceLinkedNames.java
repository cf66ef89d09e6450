package dev.lanyard.services.iam;

import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * The names AWS gives service-linked roles, per service principal (from each service's "service-linked roles" page).
 * Only the services listed here accept CreateServiceLinkedRole; those that let several roles coexist accept a
 * CustomSuffix (appended after "_").
 */
public final class RoleServiceLinkedNames
{
    public record ServiceLinkedName(String roleName, boolean customSuffixAllowed) {}

    private static final Map<String, ServiceLinkedName> NAMES = Map.ofEntries(
            entry("autoscaling.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForAutoScaling", true)),
            entry("elasticmapreduce.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForEMRCleanup", false)),
            entry("emr-containers.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForAmazonEMRContainers", false)),
            entry("spot.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForEC2Spot", false)),
            entry("spotfleet.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForEC2SpotFleet", false)),
            entry("ec2fleet.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForEC2Fleet", false)),
            entry("elasticloadbalancing.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForElasticLoadBalancing", false)),
            entry("autoscaling-plans.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForAutoScalingPlans_EC2AutoScaling", false)),
            entry("ec2.application-autoscaling.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest", false)),
            entry("dynamodb.application-autoscaling.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForApplicationAutoScaling_DynamoDBTable", false)),
            entry("ecs.application-autoscaling.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForApplicationAutoScaling_ECSService", false)),
            entry("transitgateway.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForVPCTransitGateway", false)),
            entry("ssm.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForAmazonSSM", false)),
            entry("ecs.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForECS", false)),
            entry("eks.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForAmazonEKS", false)),
            entry("rds.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForRDS", false)),
            entry("elasticache.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForElastiCache", false)),
            entry("elasticfilesystem.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForAmazonElasticFileSystem", false)),
            entry("elasticbeanstalk.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForElasticBeanstalk", true)),
            entry("organizations.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForOrganizations", false)),
            entry("cloudtrail.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForCloudTrail", false)),
            entry("config.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForConfig", false)),
            entry("guardduty.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForAmazonGuardDuty", false)),
            entry("support.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForSupport", false)),
            entry("trustedadvisor.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForTrustedAdvisor", false)),
            entry("compute-optimizer.amazonaws.com", new ServiceLinkedName("AWSServiceRoleForComputeOptimizer", false)));

    private RoleServiceLinkedNames() {}

    public static Optional<ServiceLinkedName> forService(String servicePrincipal)
    {
        return Optional.ofNullable(NAMES.get(servicePrincipal));
    }

    /** The trust policy of a service-linked role: only the linked service may assume it. */
    public static String trustPolicy(String servicePrincipal)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"" + servicePrincipal
                + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
    }
}
