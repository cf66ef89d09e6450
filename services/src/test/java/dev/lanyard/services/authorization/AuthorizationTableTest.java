package dev.lanyard.services.authorization;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.model.ModelTables;
import dev.lanyard.protocol.model.OperationShape;
import dev.lanyard.protocol.model.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationTableTest
{
    private static final ModelTables MODELS = new ModelTables();
    private static final Set<String> CONTEXT_PLACEHOLDERS = Set.of("Partition", "Account", "Region");
    private static final Map<AwsService, String> PREFIXES = Map.of(
            AwsService.IAM, "iam:",
            AwsService.STS, "sts:",
            AwsService.EC2, "ec2:",
            AwsService.AUTOSCALING, "autoscaling:",
            AwsService.EMR, "elasticmapreduce:");

    @Test
    void everyIamAndStsAndAutoScalingOperationHasAnEntry()
    {
        for (AwsService service : List.of(AwsService.IAM, AwsService.STS, AwsService.AUTOSCALING)) {
            AuthorizationTable table = AuthorizationTable.load(service);
            assertThat(table.operations().keySet())
                    .as(service.name())
                    .containsExactlyInAnyOrderElementsOf(MODELS.operationNames(service));
        }
        assertThat(AuthorizationTable.load(AwsService.IAM).operations()).hasSize(176);
        assertThat(AuthorizationTable.load(AwsService.STS).operations()).hasSize(11);
    }

    @Test
    void ec2AndEmrCoverTheOperationsLanyardServes()
    {
        assertThat(AuthorizationTable.load(AwsService.EC2).operations().keySet()).containsExactlyInAnyOrder(
                "RunInstances", "DescribeInstances", "StartInstances", "StopInstances", "TerminateInstances", "RebootInstances",
                "AssociateIamInstanceProfile", "DisassociateIamInstanceProfile", "ReplaceIamInstanceProfileAssociation",
                "DescribeIamInstanceProfileAssociations", "CreateLaunchTemplate", "CreateLaunchTemplateVersion",
                "DescribeLaunchTemplates", "DescribeLaunchTemplateVersions", "DeleteLaunchTemplate", "ModifyLaunchTemplate",
                "CreateTags", "DeleteTags", "DescribeTags", "DescribeImages", "DescribeRegions", "DescribeAvailabilityZones",
                "DescribeInstanceTypes", "DescribeSubnets", "DescribeVpcs", "DescribeSecurityGroups", "DescribeKeyPairs");
        assertThat(AuthorizationTable.load(AwsService.EMR).operations().keySet()).containsExactlyInAnyOrder(
                "RunJobFlow", "DescribeCluster", "ListClusters", "TerminateJobFlows", "ListInstanceGroups", "ListInstances",
                "DescribeJobFlows", "AddTags", "RemoveTags", "ListSteps", "AddJobFlowSteps", "DescribeStep",
                "SetTerminationProtection", "ListBootstrapActions", "ModifyInstanceGroups", "PutAutoScalingPolicy",
                "GetAutoTerminationPolicy");
    }

    @Test
    void actionsBelongToTheirService()
    {
        for (AwsService service : AwsService.values()) {
            for (OperationAuthorization entry : AuthorizationTable.load(service).operations().values()) {
                assertThat(entry.action()).as(entry.operation()).startsWith(PREFIXES.get(service));
                assertThat(entry.action().substring(entry.action().indexOf(':') + 1)).matches("[A-Z][A-Za-z0-9]+");
                for (AdditionalAction additional : entry.additionalActions()) {
                    assertThat(additional.action()).matches("(iam|sts|ec2|autoscaling|elasticmapreduce):[A-Z][A-Za-z0-9]+");
                }
            }
        }
    }

    @Test
    void placeholdersNameRequestMembersOrWhatTheServerSupplies()
    {
        List<String> problems = new ArrayList<>();
        for (AwsService service : AwsService.values()) {
            for (OperationAuthorization entry : AuthorizationTable.load(service).operations().values()) {
                OperationShape operation = MODELS.operation(service, entry.operation()).orElseThrow();
                List<ResourceTemplate> templates = new ArrayList<>(entry.resources());
                entry.additionalActions().forEach(additional -> templates.addAll(additional.resources()));
                for (ResourceTemplate template : templates) {
                    for (String placeholder : template.placeholders()) {
                        boolean known = CONTEXT_PLACEHOLDERS.contains(placeholder)
                                || memberPathExists(service, operation, placeholder)
                                || (template.pathFromEntity() && placeholder.equals("Path"))
                                || template.callerWhenAbsent().filter(placeholder::equals).isPresent()
                                || template.serverSupplied().containsKey(placeholder);
                        if (!known) {
                            problems.add(service + " " + entry.operation() + ": ${" + placeholder + "} in " + template.arn());
                        }
                    }
                    template.serverSupplied().keySet().forEach(name -> {
                        if (!template.placeholders().contains(name)) {
                            problems.add(service + " " + entry.operation() + ": serverSupplied " + name + " not in " + template.arn());
                        }
                    });
                }
                List<ConditionKeySource> keys = new ArrayList<>(entry.conditionKeys());
                entry.additionalActions().forEach(additional -> keys.addAll(additional.conditionKeys()));
                entry.additionalActions().forEach(additional -> additional.whenMember().ifPresent(member -> {
                    if (!memberPathExists(service, operation, member)) {
                        problems.add(service + " " + entry.operation() + ": whenMember " + member);
                    }
                }));
                for (ConditionKeySource key : keys) {
                    key.member().ifPresent(member -> {
                        if (!memberPathExists(service, operation, member)) {
                            problems.add(service + " " + entry.operation() + ": condition key " + key.key() + " member " + member);
                        }
                    });
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void spotChecksAgainstTheServiceAuthorizationReference()
    {
        Map<String, String> context = Map.of("Partition", "aws", "Account", "123456789012", "Region", "us-east-1");

        // IAM CreateRole: role*, aws:RequestTag/aws:TagKeys/iam:PermissionsBoundary; the path comes from the request
        OperationAuthorization createRole = entry(AwsService.IAM, "CreateRole");
        assertThat(createRole.action()).isEqualTo("iam:CreateRole");
        ResourceTemplate role = createRole.resources().getFirst();
        assertThat(role.type()).isEqualTo("role");
        assertThat(role.arn()).isEqualTo("arn:${Partition}:iam::${Account}:role${Path}${RoleName}");
        assertThat(role.pathFromEntity()).isFalse();
        assertThat(role.render(with(context, "RoleName", "app"))).isEqualTo("arn:aws:iam::123456789012:role/app");
        assertThat(role.render(with(context, "RoleName", "app", "Path", "/team/"))).isEqualTo("arn:aws:iam::123456789012:role/team/app");
        assertThat(keySource(createRole, "iam:PermissionsBoundary").member()).contains("PermissionsBoundary");
        assertThat(keySource(createRole, "aws:RequestTag/${TagKey}").member()).contains("Tags");
        assertThat(keySource(createRole, "aws:TagKeys").member()).contains("Tags");

        // IAM GetRole: only RoleName in the request; the path is the stored role's
        ResourceTemplate getRole = entry(AwsService.IAM, "GetRole").resources().getFirst();
        assertThat(entry(AwsService.IAM, "GetRole").action()).isEqualTo("iam:GetRole");
        assertThat(getRole.arn()).isEqualTo("arn:${Partition}:iam::${Account}:role${Path}${RoleName}");
        assertThat(getRole.pathFromEntity()).isTrue();

        // IAM AttachRolePolicy: role*, iam:PolicyARN from PolicyArn, the role's boundary from the stored role
        OperationAuthorization attach = entry(AwsService.IAM, "AttachRolePolicy");
        assertThat(attach.action()).isEqualTo("iam:AttachRolePolicy");
        assertThat(keySource(attach, "iam:PolicyARN").member()).contains("PolicyArn");
        assertThat(keySource(attach, "iam:PermissionsBoundary").from()).isEqualTo(ConditionKeySource.Source.RESOURCE);

        // IAM GetPolicy: policy*, the ARN is in the request
        assertThat(entry(AwsService.IAM, "GetPolicy").resources().getFirst().arn()).isEqualTo("${PolicyArn}");

        // IAM CreateUser: user*, iam:PermissionsBoundary
        OperationAuthorization createUser = entry(AwsService.IAM, "CreateUser");
        assertThat(createUser.resources().getFirst().arn()).isEqualTo("arn:${Partition}:iam::${Account}:user${Path}${UserName}");
        assertThat(keySource(createUser, "iam:PermissionsBoundary").member()).contains("PermissionsBoundary");

        // IAM ListRoles: no resource type in the reference
        assertThat(entry(AwsService.IAM, "ListRoles").resources()).containsExactly(ResourceTemplate.any());

        // IAM CreateOpenIDConnectProvider, looked up in the SDK's spelling too
        assertThat(AuthorizationTable.load(AwsService.IAM).operation("CreateOpenIdConnectProvider").orElseThrow().action())
                .isEqualTo("iam:CreateOpenIDConnectProvider");

        // IAM CreateServiceLinkedRole: iam:AWSServiceName from AWSServiceName
        assertThat(keySource(entry(AwsService.IAM, "CreateServiceLinkedRole"), "iam:AWSServiceName").member()).contains("AWSServiceName");

        // STS AssumeRole: role*, sts:ExternalId, sts:RoleSessionName, sts:SourceIdentity, sts:TransitiveTagKeys; TagSession with Tags
        OperationAuthorization assumeRole = entry(AwsService.STS, "AssumeRole");
        assertThat(assumeRole.action()).isEqualTo("sts:AssumeRole");
        assertThat(assumeRole.resources().getFirst().arn()).isEqualTo("${RoleArn}");
        assertThat(keySource(assumeRole, "sts:ExternalId").member()).contains("ExternalId");
        assertThat(keySource(assumeRole, "sts:RoleSessionName").member()).contains("RoleSessionName");
        assertThat(keySource(assumeRole, "sts:SourceIdentity").member()).contains("SourceIdentity");
        assertThat(keySource(assumeRole, "sts:TransitiveTagKeys").member()).contains("TransitiveTagKeys");
        assertThat(additional(assumeRole, "sts:TagSession").whenMember()).contains("Tags");
        assertThat(additional(assumeRole, "sts:SetSourceIdentity").whenMember()).contains("SourceIdentity");

        // STS GetFederationToken: federated-user; GetCallerIdentity: no resource
        assertThat(entry(AwsService.STS, "GetFederationToken").resources().getFirst().render(with(context, "Name", "bob")))
                .isEqualTo("arn:aws:sts::123456789012:federated-user/bob");
        assertThat(entry(AwsService.STS, "GetCallerIdentity").resources()).containsExactly(ResourceTemplate.any());

        // EC2 RunInstances: image*, instance*, ...; ec2:InstanceType; iam:PassRole with an instance profile
        OperationAuthorization run = entry(AwsService.EC2, "RunInstances");
        assertThat(run.action()).isEqualTo("ec2:RunInstances");
        assertThat(resource(run, "image").render(with(context, "ImageId", "ami-12345678")))
                .isEqualTo("arn:aws:ec2:us-east-1::image/ami-12345678");
        assertThat(resource(run, "instance").render(context)).isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/*");
        assertThat(keySource(run, "ec2:InstanceType").member()).contains("InstanceType");
        assertThat(additional(run, "iam:PassRole").whenMember()).contains("IamInstanceProfile");

        // EC2 AssociateIamInstanceProfile: instance*, and the profile's role is passed
        OperationAuthorization associate = entry(AwsService.EC2, "AssociateIamInstanceProfile");
        assertThat(associate.resources().getFirst().render(with(context, "InstanceId", "i-0123")))
                .isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/i-0123");
        assertThat(additional(associate, "iam:PassRole").whenMember()).contains("IamInstanceProfile");

        // EC2 DescribeInstances: no resource type
        assertThat(entry(AwsService.EC2, "DescribeInstances").resources()).containsExactly(ResourceTemplate.any());

        // Auto Scaling CreateLaunchConfiguration: launchConfiguration*, iam:PassRole for IamInstanceProfile
        OperationAuthorization createLaunchConfiguration = entry(AwsService.AUTOSCALING, "CreateLaunchConfiguration");
        assertThat(createLaunchConfiguration.resources().getFirst().render(with(context, "LaunchConfigurationName", "lc")))
                .isEqualTo("arn:aws:autoscaling:us-east-1:123456789012:launchConfiguration:*:launchConfigurationName/lc");
        assertThat(additional(createLaunchConfiguration, "iam:PassRole").whenMember()).contains("IamInstanceProfile");

        // Auto Scaling CreateAutoScalingGroup: autoScalingGroup*, autoscaling:MaxSize from MaxSize
        OperationAuthorization createGroup = entry(AwsService.AUTOSCALING, "CreateAutoScalingGroup");
        assertThat(createGroup.resources().getFirst().render(with(context, "AutoScalingGroupName", "web")))
                .isEqualTo("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/web");
        assertThat(keySource(createGroup, "autoscaling:MaxSize").member()).contains("MaxSize");

        // EMR RunJobFlow: no resource type; ServiceRole and JobFlowRole are passed
        OperationAuthorization runJobFlow = entry(AwsService.EMR, "RunJobFlow");
        assertThat(runJobFlow.action()).isEqualTo("elasticmapreduce:RunJobFlow");
        assertThat(runJobFlow.resources()).containsExactly(ResourceTemplate.any());
        assertThat(runJobFlow.additionalActions())
                .filteredOn(action -> action.action().equals("iam:PassRole"))
                .extracting(action -> action.whenMember().orElseThrow())
                .contains("ServiceRole", "JobFlowRole");

        // EMR DescribeCluster: cluster*
        assertThat(entry(AwsService.EMR, "DescribeCluster").resources().getFirst().render(with(context, "ClusterId", "j-ABC")))
                .isEqualTo("arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-ABC");
    }

    @Test
    void renderRefusesAMissingValue()
    {
        ResourceTemplate role = entry(AwsService.IAM, "GetRole").resources().getFirst();
        assertThatThrownBy(() -> role.render(Map.of("Partition", "aws", "Account", "123456789012", "RoleName", "r")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${Path}");
    }

    private static OperationAuthorization entry(AwsService service, String operation)
    {
        return AuthorizationTable.load(service).operation(operation).orElseThrow();
    }

    private static ConditionKeySource keySource(OperationAuthorization entry, String key)
    {
        return entry.conditionKeys().stream().filter(source -> source.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(entry.operation() + " lacks " + key));
    }

    private static AdditionalAction additional(OperationAuthorization entry, String action)
    {
        return entry.additionalActions().stream().filter(additional -> additional.action().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError(entry.operation() + " lacks additional " + action));
    }

    private static ResourceTemplate resource(OperationAuthorization entry, String type)
    {
        return entry.resources().stream().filter(template -> template.type().equals(type)).findFirst().orElseThrow();
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs)
    {
        Map<String, String> values = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    /** A member of the input, or a dotted path through nested structures (and list elements). */
    private static boolean memberPathExists(AwsService service, OperationShape operation, String path)
    {
        Optional<String> shapeName = operation.inputShape();
        Set<String> seen = new HashSet<>();
        for (String part : path.split("\\.")) {
            if (shapeName.isEmpty()) {
                return false;
            }
            Optional<Shape> shape = MODELS.shape(service, shapeName.get());
            while (shape.isPresent() && shape.get().listMember().isPresent() && seen.add(shape.get().name())) {
                shape = MODELS.shape(service, shape.get().listMember().get());
            }
            if (shape.isEmpty()) {
                return false;
            }
            Optional<String> next = shape.get().member(part).map(member -> member.shape());
            if (next.isEmpty()) {
                return false;
            }
            shapeName = next;
        }
        return true;
    }
}
