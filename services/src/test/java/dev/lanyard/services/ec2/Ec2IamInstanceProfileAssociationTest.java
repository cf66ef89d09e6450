package dev.lanyard.services.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociationState;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;

import java.util.ArrayList;
import java.util.List;

import static dev.lanyard.services.ec2.Ec2TestSupport.ACCOUNT;
import static dev.lanyard.services.ec2.Ec2TestSupport.OTHER_ACCOUNT;
import static dev.lanyard.services.ec2.Ec2TestSupport.error;
import static dev.lanyard.services.ec2.Ec2TestSupport.root;
import static org.assertj.core.api.Assertions.assertThat;

class Ec2IamInstanceProfileAssociationTest
{
    private final Ec2TestSupport support = new Ec2TestSupport();
    private final IamInstanceProfileAssociationOperations associations = support.associations;

    @AfterEach
    void close()
    {
        support.close();
    }

    @Test
    void runInstancesWithAProfileByNameOrArnAssociatesIt()
    {
        InstanceProfile profile = support.profileWithRole(ACCOUNT, "web");
        Instance byName = support.run(root(), byName("WEB"));
        assertThat(byName.iamInstanceProfile().arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/web");
        assertThat(byName.iamInstanceProfile().id()).isEqualTo(profile.instanceProfileId()).matches("AIPA[A-Z2-7]{17}");
        Instance byArn = support.run(root(), byArn(profile.arn()));
        assertThat(byArn.iamInstanceProfile().id()).isEqualTo(profile.instanceProfileId());

        Instance described = support.instances.describeInstances(root(), DescribeInstancesRequest.builder().instanceIds(byName.instanceId()).build())
                .reservations().getFirst().instances().getFirst();
        assertThat(described.iamInstanceProfile()).isEqualTo(byName.iamInstanceProfile());
        assertThat(support.instances.describeInstances(root(), DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("iam-instance-profile.arn").values(profile.arn()).build()).build()).reservations()).hasSize(2);

        List<IamInstanceProfileAssociation> all = describe(DescribeIamInstanceProfileAssociationsRequest.builder().build()).iamInstanceProfileAssociations();
        assertThat(all).extracting(IamInstanceProfileAssociation::instanceId).containsExactlyInAnyOrder(byName.instanceId(), byArn.instanceId());
        assertThat(all).allSatisfy(association -> {
            assertThat(association.associationId()).matches("iip-assoc-[0-9a-f]{17}");
            assertThat(association.state()).isEqualTo(IamInstanceProfileAssociationState.ASSOCIATED);
            assertThat(association.iamInstanceProfile().arn()).isEqualTo(profile.arn());
            assertThat(association.timestamp()).isNotNull();
        });
        assertThat(describe(DescribeIamInstanceProfileAssociationsRequest.builder()
                .filters(Filter.builder().name("instance-id").values(byArn.instanceId()).build()).build()).iamInstanceProfileAssociations())
                .extracting(IamInstanceProfileAssociation::instanceId).containsExactly(byArn.instanceId());
        assertThat(describe(DescribeIamInstanceProfileAssociationsRequest.builder()
                .filters(Filter.builder().name("state").values("disassociated").build()).build()).iamInstanceProfileAssociations()).isEmpty();
    }

    @Test
    void unknownProfilesAreInvalidParameterValues()
    {
        InstanceProfile others = support.profileWithRole(OTHER_ACCOUNT, "elsewhere");
        InstanceProfile nested = ((CreateInstanceProfileResponse) support.iam(ACCOUNT, CreateInstanceProfileRequest.builder().instanceProfileName("nested").path("/app/").build()))
                .instanceProfile();
        assertThat(error(() -> support.run(root(), byName("missing")), "InvalidParameterValue", 400).getMessage())
                .isEqualTo("Value (missing) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name");
        assertThat(error(() -> support.run(root(), byArn(others.arn())), "InvalidParameterValue", 400).getMessage())
                .isEqualTo("Value (arn:aws:iam::210987654321:instance-profile/elsewhere) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN");
        // The ARN must carry the profile's path.
        error(() -> support.run(root(), byArn("arn:aws:iam::123456789012:instance-profile/nested")), "InvalidParameterValue", 400);
        assertThat(support.run(root(), byArn(nested.arn())).iamInstanceProfile().arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/app/nested");
        error(() -> support.run(root(), byArn("arn:")), "InvalidParameterValue", 400);
        error(() -> support.run(root(), IamInstanceProfileSpecification.builder().build()), "MissingParameter", 400);
        // Nothing was launched by the refused calls.
        assertThat(support.instances.describeInstances(root(), DescribeInstancesRequest.builder().build()).reservations()).hasSize(1);
    }

    @Test
    void associateReplaceAndDisassociate()
    {
        support.profileWithRole(ACCOUNT, "first");
        InstanceProfile second = support.profileWithRole(ACCOUNT, "second");
        String instanceId = support.run(root()).instanceId();

        IamInstanceProfileAssociation associated = associate(instanceId, byName("first"));
        assertThat(associated.associationId()).matches("iip-assoc-[0-9a-f]{17}");
        assertThat(associated.instanceId()).isEqualTo(instanceId);
        assertThat(associated.state()).isEqualTo(IamInstanceProfileAssociationState.ASSOCIATED);
        assertThat(error(() -> associate(instanceId, byName("second")), "IncorrectState", 400).getMessage())
                .isEqualTo("There is an existing association for instance " + instanceId);

        IamInstanceProfileAssociation replaced = associations.replaceIamInstanceProfileAssociation(root(), ReplaceIamInstanceProfileAssociationRequest.builder()
                .associationId(associated.associationId()).iamInstanceProfile(byArn(second.arn())).build()).iamInstanceProfileAssociation();
        assertThat(replaced.associationId()).isNotEqualTo(associated.associationId());
        assertThat(replaced.iamInstanceProfile().id()).isEqualTo(second.instanceProfileId());
        assertThat(describe(DescribeIamInstanceProfileAssociationsRequest.builder().build()).iamInstanceProfileAssociations())
                .extracting(IamInstanceProfileAssociation::associationId).containsExactly(replaced.associationId());
        assertThat(error(() -> describe(DescribeIamInstanceProfileAssociationsRequest.builder().associationIds(associated.associationId()).build()),
                "InvalidAssociationID.NotFound", 400).getMessage()).contains(associated.associationId());
        assertThat(instance(instanceId).iamInstanceProfile().arn()).isEqualTo(second.arn());

        IamInstanceProfileAssociation disassociated = associations.disassociateIamInstanceProfile(root(), DisassociateIamInstanceProfileRequest.builder()
                .associationId(replaced.associationId()).build()).iamInstanceProfileAssociation();
        assertThat(disassociated.state()).isEqualTo(IamInstanceProfileAssociationState.DISASSOCIATING);
        assertThat(disassociated.associationId()).isEqualTo(replaced.associationId());
        assertThat(describe(DescribeIamInstanceProfileAssociationsRequest.builder().build()).iamInstanceProfileAssociations()).isEmpty();
        assertThat(instance(instanceId).iamInstanceProfile()).isNull();
        error(() -> associations.disassociateIamInstanceProfile(root(), DisassociateIamInstanceProfileRequest.builder().associationId(replaced.associationId()).build()),
                "InvalidAssociationID.NotFound", 400);

        // A stopped instance can be associated, not replaced.
        support.instances.stopInstances(root(), StopInstancesRequest.builder().instanceIds(instanceId).build());
        IamInstanceProfileAssociation again = associate(instanceId, byName("first"));
        assertThat(error(() -> associations.replaceIamInstanceProfileAssociation(root(), ReplaceIamInstanceProfileAssociationRequest.builder()
                .associationId(again.associationId()).iamInstanceProfile(byName("second")).build()), "IncorrectState", 400).getMessage())
                .isEqualTo("The association " + again.associationId() + " is not the active association");
    }

    @Test
    void terminationEndsTheAssociation()
    {
        support.profileWithRole(ACCOUNT, "web");
        String instanceId = support.run(root(), byName("web")).instanceId();
        support.instances.terminateInstances(root(), TerminateInstancesRequest.builder().instanceIds(instanceId).build());
        assertThat(describe(DescribeIamInstanceProfileAssociationsRequest.builder().build()).iamInstanceProfileAssociations()).isEmpty();
        assertThat(instance(instanceId).iamInstanceProfile()).isNull();
        error(() -> associate(instanceId, byName("web")), "IncorrectState", 400);
        error(() -> associate("i-0000000000000000a", byName("web")), "InvalidInstanceID.NotFound", 400);
    }

    @Test
    void associationsBelongToTheirAccountAndPage()
    {
        support.profileWithRole(ACCOUNT, "web");
        List<String> expected = new ArrayList<>();
        for (int index = 0; index < 7; index++) {
            String instanceId = support.run(root()).instanceId();
            expected.add(associate(instanceId, byName("web")).associationId());
        }
        assertThat(associations.describeIamInstanceProfileAssociations(Ec2TestSupport.root(OTHER_ACCOUNT, "us-east-1"),
                DescribeIamInstanceProfileAssociationsRequest.builder().build()).iamInstanceProfileAssociations()).isEmpty();
        error(() -> associations.disassociateIamInstanceProfile(Ec2TestSupport.root(OTHER_ACCOUNT, "us-east-1"),
                DisassociateIamInstanceProfileRequest.builder().associationId(expected.getFirst()).build()), "InvalidAssociationID.NotFound", 400);

        DescribeIamInstanceProfileAssociationsResponse first = describe(DescribeIamInstanceProfileAssociationsRequest.builder().maxResults(5).build());
        assertThat(first.iamInstanceProfileAssociations()).hasSize(5);
        DescribeIamInstanceProfileAssociationsResponse second = describe(DescribeIamInstanceProfileAssociationsRequest.builder().maxResults(5).nextToken(first.nextToken()).build());
        assertThat(second.iamInstanceProfileAssociations()).hasSize(2);
        assertThat(second.nextToken()).isNull();
        List<String> seen = new ArrayList<>();
        first.iamInstanceProfileAssociations().forEach(association -> seen.add(association.associationId()));
        second.iamInstanceProfileAssociations().forEach(association -> seen.add(association.associationId()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    private IamInstanceProfileAssociation associate(String instanceId, IamInstanceProfileSpecification profile)
    {
        return associations.associateIamInstanceProfile(root(), AssociateIamInstanceProfileRequest.builder().instanceId(instanceId).iamInstanceProfile(profile).build())
                .iamInstanceProfileAssociation();
    }

    private DescribeIamInstanceProfileAssociationsResponse describe(DescribeIamInstanceProfileAssociationsRequest request)
    {
        return associations.describeIamInstanceProfileAssociations(root(), request);
    }

    private Instance instance(String instanceId)
    {
        return support.instances.describeInstances(root(), DescribeInstancesRequest.builder().instanceIds(instanceId).build()).reservations().getFirst().instances().getFirst();
    }

    static IamInstanceProfileSpecification byName(String name)
    {
        return IamInstanceProfileSpecification.builder().name(name).build();
    }

    static IamInstanceProfileSpecification byArn(String arn)
    {
        return IamInstanceProfileSpecification.builder().arn(arn).build();
    }
}
