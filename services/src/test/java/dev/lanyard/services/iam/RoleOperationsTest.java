package dev.lanyard.services.iam;

import dev.lanyard.protocol.PolicyDocuments;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateServiceLinkedRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeleteRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceLinkedRoleRequest;
import software.amazon.awssdk.services.iam.model.DeletionTaskStatusType;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLinkedRoleDeletionStatusRequest;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.PutRolePermissionsBoundaryRequest;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;
import software.amazon.awssdk.services.iam.model.UntagRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleDescriptionRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.lanyard.services.iam.RoleTestSupport.ACCOUNT;
import static dev.lanyard.services.iam.RoleTestSupport.OTHER_ACCOUNT;
import static dev.lanyard.services.iam.RoleTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleOperationsTest
{
    static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final RoleTestSupport support = new RoleTestSupport();
    private final RoleOperations roles = support.roles;

    @AfterEach
    void close()
    {
        support.close();
    }

    static String trustingAws(String... principals)
    {
        return "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": ["
                + String.join(", ", List.of(principals).stream().map(principal -> "\"" + principal + "\"").toList())
                + "]}, \"Action\": \"sts:AssumeRole\"}}";
    }

    private Role create(String name, String path, String document)
    {
        return roles.createRole(call(), CreateRoleRequest.builder().roleName(name).path(path).assumeRolePolicyDocument(document).build()).role();
    }

    private Role get(String name)
    {
        return roles.getRole(call(), GetRoleRequest.builder().roleName(name).build()).role();
    }

    @Test
    void createAndGetShowAwsShape()
    {
        Instant before = Instant.now();
        Role created = create("s3access", "/app/", EC2_TRUST);
        assertThat(created.roleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/app/s3access");
        assertThat(created.path()).isEqualTo("/app/");
        // As in AWS's create-role example: no MaxSessionDuration or RoleLastUsed until GetRole.
        assertThat(created.maxSessionDuration()).isNull();
        assertThat(created.roleLastUsed()).isNull();
        assertThat(created.createDate()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(created.assumeRolePolicyDocument()).isEqualTo(PolicyDocuments.encode(EC2_TRUST));
        assertThat(created.description()).isNull();

        Role fetched = get("S3ACCESS");
        assertThat(fetched.roleId()).isEqualTo(created.roleId());
        assertThat(fetched.roleName()).isEqualTo("s3access");
        assertThat(fetched.maxSessionDuration()).isEqualTo(3600);
        assertThat(fetched.roleLastUsed()).isNotNull();
        assertThat(fetched.roleLastUsed().lastUsedDate()).isNull();
        assertThat(fetched.permissionsBoundary()).isNull();
        assertThat(fetched.hasTags()).isFalse();
    }

    @Test
    void namesAreUniqueIgnoringCase()
    {
        create("Admin", "/", EC2_TRUST);
        assertThatThrownBy(() -> create("ADMIN", "/other/", EC2_TRUST))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .hasMessage("Role with name ADMIN already exists.");
    }

    @Test
    void missingRoleIsNoSuchEntity()
    {
        assertThatThrownBy(() -> get("ghost"))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("The role with name ghost cannot be found.");
        assertThatThrownBy(() -> roles.deleteRole(call(), DeleteRoleRequest.builder().roleName("ghost").build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> roles.updateRole(call(), UpdateRoleRequest.builder().roleName("ghost").description("x").build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> roles.tagRole(call(), TagRoleRequest.builder().roleName("ghost").tags(Tag.builder().key("a").value("b").build()).build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> roles.listRoleTags(call(), ListRoleTagsRequest.builder().roleName("ghost").build()))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void rolesBelongToTheirAccount()
    {
        create("mine", "/", EC2_TRUST);
        assertThatThrownBy(() -> roles.getRole(call(OTHER_ACCOUNT), GetRoleRequest.builder().roleName("mine").build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThat(roles.listRoles(call(OTHER_ACCOUNT), ListRolesRequest.builder().build()).roles()).isEmpty();
    }

    @Test
    void listRolesPagesByNameWithPathPrefix()
    {
        create("c-role", "/team/", EC2_TRUST);
        create("a-role", "/team/", EC2_TRUST);
        create("B-role", "/team/sub/", EC2_TRUST);
        create("other", "/", EC2_TRUST);

        ListRolesResponse first = roles.listRoles(call(), ListRolesRequest.builder().pathPrefix("/team/").maxItems(2).build());
        assertThat(first.roles()).extracting(Role::roleName).containsExactly("a-role", "B-role");
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.roles().getFirst().roleLastUsed()).isNull();
        ListRolesResponse second = roles.listRoles(call(), ListRolesRequest.builder().pathPrefix("/team/").maxItems(2).marker(first.marker()).build());
        assertThat(second.roles()).extracting(Role::roleName).containsExactly("c-role");
        assertThat(second.isTruncated()).isFalse();
        assertThat(second.marker()).isNull();
        assertThat(roles.listRoles(call(), ListRolesRequest.builder().build()).roles()).hasSize(4);
        assertThatThrownBy(() -> roles.listRoles(call(), ListRolesRequest.builder().marker("!!not-base64!!").build()))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void updateRoleAndDescription()
    {
        create("r", "/", EC2_TRUST);
        roles.updateRole(call(), UpdateRoleRequest.builder().roleName("r").description("first").maxSessionDuration(43200).build());
        assertThat(get("r").description()).isEqualTo("first");
        assertThat(get("r").maxSessionDuration()).isEqualTo(43200);
        Role updated = roles.updateRoleDescription(call(), UpdateRoleDescriptionRequest.builder().roleName("r").description("second").build()).role();
        assertThat(updated.description()).isEqualTo("second");
        assertThat(updated.maxSessionDuration()).isEqualTo(43200);
        roles.updateRole(call(), UpdateRoleRequest.builder().roleName("r").maxSessionDuration(7200).build());
        assertThat(get("r").description()).isEqualTo("second");
        assertThat(get("r").maxSessionDuration()).isEqualTo(7200);
    }

    @Test
    void trustPolicyUserAndRolePrincipalsAreBoundToUniqueIds()
    {
        Entity alice = support.insertUser(ACCOUNT, "/staff/", "alice");
        Entity bob = support.insertUser(OTHER_ACCOUNT, "/", "bob");
        Role target = create("target", "/", EC2_TRUST);
        String aliceArn = "arn:aws:iam::123456789012:user/staff/alice";
        String bobArn = "arn:aws:iam::210987654321:user/bob";
        String targetArn = "arn:aws:iam::123456789012:role/target";
        String document = trustingAws(aliceArn, bobArn, targetArn, "210987654321", "arn:aws:iam::123456789012:root", "*");
        create("trusting", "/", document);

        String shown = PolicyDocuments.decode(get("trusting").assumeRolePolicyDocument());
        assertThat(shown).isEqualTo(trustingAws(aliceArn, bobArn, targetArn, "arn:aws:iam::210987654321:root", "arn:aws:iam::123456789012:root", "*"));

        // The user is deleted: the document shows the bare unique id; a namesake is not trusted.
        support.deleteEntity(alice);
        Entity newAlice = support.insertUser(ACCOUNT, "/staff/", "alice");
        assertThat(newAlice.id()).isNotEqualTo(alice.id());
        shown = PolicyDocuments.decode(get("trusting").assumeRolePolicyDocument());
        assertThat(shown).isEqualTo(trustingAws(alice.id(), bobArn, targetArn, "arn:aws:iam::210987654321:root", "arn:aws:iam::123456789012:root", "*"));
        assertThat(PolicyDocuments.decode(roles.listRoles(call(), ListRolesRequest.builder().build()).roles().stream()
                .filter(role -> role.roleName().equals("trusting")).findFirst().orElseThrow().assumeRolePolicyDocument()))
                .isEqualTo(shown);

        // What STS evaluates: unique ids in place of the ARNs.
        Entity stored = support.store.read(transaction -> transaction.entityByName(ACCOUNT, EntityKinds.ROLE, "trusting")).orElseThrow();
        RoleBody body = RoleOperations.body(stored);
        assertThat(TrustPolicyPrincipals.evaluationDocument(body.assumeRolePolicyDocument(), body.trustPrincipals()))
                .isEqualTo(trustingAws(alice.id(), bob.id(), target.roleId(), "arn:aws:iam::210987654321:root", "arn:aws:iam::123456789012:root", "*"));
        assertThat(body.assumeRolePolicyDocument()).isEqualTo(document);

        // Saving again binds the ARN to the new namesake.
        roles.updateAssumeRolePolicy(call(), UpdateAssumeRolePolicyRequest.builder().roleName("trusting").policyDocument(trustingAws(aliceArn)).build());
        assertThat(PolicyDocuments.decode(get("trusting").assumeRolePolicyDocument())).isEqualTo(trustingAws(aliceArn));
        support.deleteEntity(newAlice);
        assertThat(PolicyDocuments.decode(get("trusting").assumeRolePolicyDocument())).isEqualTo(trustingAws(newAlice.id()));
    }

    @Test
    void singlePrincipalStringIsRewrittenInPlace()
    {
        Entity carol = support.insertUser(ACCOUNT, "/", "carol");
        String document = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\n    \"Effect\": \"Allow\",\n"
                + "    \"Principal\": { \"AWS\": \"arn:aws:iam::123456789012:user/carol\" },\n    \"Action\": \"sts:AssumeRole\"\n  }\n}";
        create("single", "/", document);
        assertThat(PolicyDocuments.decode(get("single").assumeRolePolicyDocument())).isEqualTo(document);
        support.deleteEntity(carol);
        assertThat(PolicyDocuments.decode(get("single").assumeRolePolicyDocument()))
                .isEqualTo(document.replace("arn:aws:iam::123456789012:user/carol", carol.id()));
    }

    @Test
    void principalThatDoesNotExistIsRefused()
    {
        support.insertUser(ACCOUNT, "/staff/", "dave");
        for (String principal : List.of(
                "arn:aws:iam::123456789012:user/nobody",
                "arn:aws:iam::123456789012:role/nobody",
                "arn:aws:iam::123456789012:user/dave",
                "arn:aws:iam::999999999999:user/dave",
                "arn:aws:iam::123456789012:group/staff",
                "not-a-principal")) {
            assertThatThrownBy(() -> create("refused", "/", trustingAws(principal)))
                    .as(principal)
                    .isInstanceOf(MalformedPolicyDocumentException.class)
                    .hasMessage("Invalid principal in policy: \"AWS\":\"" + principal + "\"");
        }
        create("ok", "/", EC2_TRUST);
        assertThatThrownBy(() -> roles.updateAssumeRolePolicy(call(), UpdateAssumeRolePolicyRequest.builder().roleName("ok").policyDocument(trustingAws("arn:aws:iam::123456789012:role/nobody")).build()))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessage("Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:role/nobody\"");
        assertThat(get("ok").assumeRolePolicyDocument()).isEqualTo(PolicyDocuments.encode(EC2_TRUST));
    }

    @Test
    void malformedAndOversizedTrustPolicies()
    {
        assertThatThrownBy(() -> create("bad", "/", "{not json"))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessage("Syntax errors in policy.");
        // 2,048 characters not counting whitespace are allowed; one more is not.
        String padding = "x".repeat(2048 - RoleOperations.sizeWithoutWhitespace(EC2_TRUST.replace("}]}", ",\"Sid\":\"\"}]}")));
        String fits = EC2_TRUST.replace("}]}", ",\"Sid\":\"" + padding + "\"}]}");
        assertThat(RoleOperations.sizeWithoutWhitespace(fits)).isEqualTo(2048);
        create("fits", "/", fits.replace(",", ",    \n"));
        assertThatThrownBy(() -> create("too-big", "/", fits.replace("\"Sid\":\"", "\"Sid\":\"y")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for ACLSizePerRole: 2048");
    }

    @Test
    void deleteRoleRefusesWhilePoliciesOrProfilesRemain()
    {
        Role role = create("busy", "/", EC2_TRUST);
        Link attached = new Link(ACCOUNT, EntityKinds.POLICY_ATTACHED_TO_ROLE, "ANPAEXAMPLEPOLICY0001", role.roleId());
        support.store.write(transaction -> transaction.insertLink(attached));
        assertThatThrownBy(() -> roles.deleteRole(call(), DeleteRoleRequest.builder().roleName("busy").build()))
                .isInstanceOf(DeleteConflictException.class)
                .hasMessage("Cannot delete entity, must detach all policies first.");
        support.store.write(transaction -> transaction.deleteLink(attached));

        Entity inline = Entity.create(ACCOUNT, RoleOperations.INLINE_POLICY_KIND, "inline-1", "role:" + role.roleId() + ":S3-Permissions", "/", "{}", Instant.now());
        support.insertEntity(inline);
        // Another role's inline policy sorts right after; it must not count.
        Role other = create("other", "/", EC2_TRUST);
        assertThatThrownBy(() -> roles.deleteRole(call(), DeleteRoleRequest.builder().roleName("busy").build()))
                .isInstanceOf(DeleteConflictException.class)
                .hasMessage("Cannot delete entity, must delete policies first.");
        support.deleteEntity(inline);
        support.insertEntity(Entity.create(ACCOUNT, RoleOperations.INLINE_POLICY_KIND, "inline-2", "role:" + other.roleId() + ":x", "/", "{}", Instant.now()));

        support.profiles.createInstanceProfile(call(), CreateInstanceProfileRequest.builder().instanceProfileName("profile").build());
        support.profiles.addRoleToInstanceProfile(call(), AddRoleToInstanceProfileRequest.builder().instanceProfileName("profile").roleName("busy").build());
        assertThatThrownBy(() -> roles.deleteRole(call(), DeleteRoleRequest.builder().roleName("busy").build()))
                .isInstanceOf(DeleteConflictException.class)
                .hasMessage("Cannot delete entity, must remove roles from instance profile first.");
        support.profiles.removeRoleFromInstanceProfile(call(), RemoveRoleFromInstanceProfileRequest.builder().instanceProfileName("profile").roleName("busy").build());

        roles.deleteRole(call(), DeleteRoleRequest.builder().roleName("busy").build());
        assertThatThrownBy(() -> get("busy")).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void tagsMergeReplaceAndPage()
    {
        roles.createRole(call(), CreateRoleRequest.builder().roleName("tagged").assumeRolePolicyDocument(EC2_TRUST)
                .tags(Tag.builder().key("Team").value("blue").build(), Tag.builder().key("Env").value("dev").build()).build());
        assertThat(get("tagged").tags()).extracting(Tag::key).containsExactly("Team", "Env");
        roles.tagRole(call(), TagRoleRequest.builder().roleName("tagged").tags(Tag.builder().key("team").value("red").build(), Tag.builder().key("Cost").value("").build()).build());
        ListRoleTagsResponse all = roles.listRoleTags(call(), ListRoleTagsRequest.builder().roleName("tagged").build());
        assertThat(all.tags()).extracting(Tag::key, Tag::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Env", "dev"),
                org.assertj.core.groups.Tuple.tuple("team", "red"),
                org.assertj.core.groups.Tuple.tuple("Cost", ""));
        assertThat(all.isTruncated()).isFalse();

        ListRoleTagsResponse first = roles.listRoleTags(call(), ListRoleTagsRequest.builder().roleName("tagged").maxItems(2).build());
        assertThat(first.tags()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        ListRoleTagsResponse rest = roles.listRoleTags(call(), ListRoleTagsRequest.builder().roleName("tagged").maxItems(2).marker(first.marker()).build());
        assertThat(rest.tags()).extracting(Tag::key).containsExactly("Cost");

        roles.untagRole(call(), UntagRoleRequest.builder().roleName("tagged").tagKeys("ENV", "missing").build());
        assertThat(roles.listRoleTags(call(), ListRoleTagsRequest.builder().roleName("tagged").build()).tags()).extracting(Tag::key).containsExactly("team", "Cost");
    }

    @Test
    void tagRulesAreEnforced()
    {
        create("t", "/", EC2_TRUST);
        assertThatThrownBy(() -> roles.tagRole(call(), TagRoleRequest.builder().roleName("t").tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("A").value("2").build()).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        assertThatThrownBy(() -> roles.tagRole(call(), TagRoleRequest.builder().roleName("t").tags(Tag.builder().key("AWS:owner").value("1").build()).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("aws:");
        List<Tag> fifty = new ArrayList<>();
        for (int index = 0; index < 50; index++) {
            fifty.add(Tag.builder().key("k" + index).value("v").build());
        }
        roles.tagRole(call(), TagRoleRequest.builder().roleName("t").tags(fifty).build());
        roles.tagRole(call(), TagRoleRequest.builder().roleName("t").tags(Tag.builder().key("K0").value("replaced").build()).build());
        assertThatThrownBy(() -> roles.tagRole(call(), TagRoleRequest.builder().roleName("t").tags(Tag.builder().key("one-more").value("v").build()).build()))
                .isInstanceOf(LimitExceededException.class)
                .hasMessage("Cannot exceed quota for TagsPerRole: 50");
        assertThat(roles.listRoleTags(call(), ListRoleTagsRequest.builder().roleName("t").build()).tags()).hasSize(50);
        assertThatThrownBy(() -> roles.createRole(call(), CreateRoleRequest.builder().roleName("dup").assumeRolePolicyDocument(EC2_TRUST)
                .tags(Tag.builder().key("x").value("1").build(), Tag.builder().key("X").value("2").build()).build()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> get("dup")).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void permissionsBoundaries()
    {
        create("bounded", "/", EC2_TRUST);
        roles.putRolePermissionsBoundary(call(), PutRolePermissionsBoundaryRequest.builder().roleName("bounded").permissionsBoundary("arn:aws:iam::aws:policy/PowerUserAccess").build());
        Role role = get("bounded");
        assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo("arn:aws:iam::aws:policy/PowerUserAccess");
        assertThat(role.permissionsBoundary().permissionsBoundaryType()).isEqualTo(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY);

        assertThatThrownBy(() -> roles.putRolePermissionsBoundary(call(), PutRolePermissionsBoundaryRequest.builder().roleName("bounded").permissionsBoundary("arn:aws:iam::123456789012:policy/Missing").build()))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessage("Policy arn:aws:iam::123456789012:policy/Missing does not exist or is not attachable.");
        assertThatThrownBy(() -> roles.putRolePermissionsBoundary(call(), PutRolePermissionsBoundaryRequest.builder().roleName("bounded").permissionsBoundary("arn:aws:iam::210987654321:policy/Theirs").build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> roles.putRolePermissionsBoundary(call(), PutRolePermissionsBoundaryRequest.builder().roleName("bounded").permissionsBoundary("arn:aws:s3:::bucket").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("ARN arn:aws:s3:::bucket is not valid.");

        support.insertEntity(Entity.create(ACCOUNT, EntityKinds.MANAGED_POLICY, "ANPAEXAMPLEPOLICY0002", "Boundary", "/limits/",
                "{\"arn\":\"arn:aws:iam::123456789012:policy/limits/Boundary\"}", Instant.now()));
        assertThatThrownBy(() -> roles.putRolePermissionsBoundary(call(), PutRolePermissionsBoundaryRequest.builder().roleName("bounded").permissionsBoundary("arn:aws:iam::123456789012:policy/Boundary").build()))
                .isInstanceOf(NoSuchEntityException.class);
        roles.putRolePermissionsBoundary(call(), PutRolePermissionsBoundaryRequest.builder().roleName("bounded").permissionsBoundary("arn:aws:iam::123456789012:policy/limits/Boundary").build());
        assertThat(get("bounded").permissionsBoundary().permissionsBoundaryArn()).isEqualTo("arn:aws:iam::123456789012:policy/limits/Boundary");

        roles.deleteRolePermissionsBoundary(call(), DeleteRolePermissionsBoundaryRequest.builder().roleName("bounded").build());
        assertThat(get("bounded").permissionsBoundary()).isNull();
        assertThatThrownBy(() -> roles.deleteRolePermissionsBoundary(call(), DeleteRolePermissionsBoundaryRequest.builder().roleName("bounded").build()))
                .isInstanceOf(NoSuchEntityException.class);

        Role created = roles.createRole(call(), CreateRoleRequest.builder().roleName("born-bounded").assumeRolePolicyDocument(EC2_TRUST)
                .permissionsBoundary("arn:aws:iam::aws:policy/ReadOnlyAccess").build()).role();
        assertThat(created.permissionsBoundary().permissionsBoundaryArn()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThatThrownBy(() -> roles.createRole(call(), CreateRoleRequest.builder().roleName("never").assumeRolePolicyDocument(EC2_TRUST)
                .permissionsBoundary("arn:aws:iam::123456789012:policy/Missing").build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> get("never")).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void serviceLinkedRoles()
    {
        Role autoScaling = roles.createServiceLinkedRole(call(), CreateServiceLinkedRoleRequest.builder().awsServiceName("autoscaling.amazonaws.com").build()).role();
        assertThat(autoScaling.roleName()).isEqualTo("AWSServiceRoleForAutoScaling");
        assertThat(autoScaling.path()).isEqualTo("/aws-service-role/autoscaling.amazonaws.com/");
        assertThat(autoScaling.arn()).isEqualTo("arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        assertThat(PolicyDocuments.decode(autoScaling.assumeRolePolicyDocument())).contains("\"Service\":[\"autoscaling.amazonaws.com\"]");

        Role suffixed = roles.createServiceLinkedRole(call(), CreateServiceLinkedRoleRequest.builder().awsServiceName("autoscaling.amazonaws.com").customSuffix("fleet").description("mine").build()).role();
        assertThat(suffixed.roleName()).isEqualTo("AWSServiceRoleForAutoScaling_fleet");
        assertThat(suffixed.description()).isEqualTo("mine");
        assertThat(roles.createServiceLinkedRole(call(), CreateServiceLinkedRoleRequest.builder().awsServiceName("elasticmapreduce.amazonaws.com").build()).role().roleName())
                .isEqualTo("AWSServiceRoleForEMRCleanup");

        assertThatThrownBy(() -> roles.createServiceLinkedRole(call(), CreateServiceLinkedRoleRequest.builder().awsServiceName("autoscaling.amazonaws.com").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Service role name AWSServiceRoleForAutoScaling has been taken in this account, please try a different suffix.");
        assertThatThrownBy(() -> roles.createServiceLinkedRole(call(), CreateServiceLinkedRoleRequest.builder().awsServiceName("elasticmapreduce.amazonaws.com").customSuffix("x").build()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> roles.createServiceLinkedRole(call(), CreateServiceLinkedRoleRequest.builder().awsServiceName("nothing.example.com").build()))
                .isInstanceOf(InvalidInputException.class);

        // Protected from the account's own changes.
        assertThatThrownBy(() -> roles.deleteRole(call(), DeleteRoleRequest.builder().roleName("AWSServiceRoleForAutoScaling").build()))
                .isInstanceOf(UnmodifiableEntityException.class)
                .hasMessage("Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS");
        assertThatThrownBy(() -> roles.updateAssumeRolePolicy(call(), UpdateAssumeRolePolicyRequest.builder().roleName("AWSServiceRoleForAutoScaling").policyDocument(EC2_TRUST).build()))
                .isInstanceOf(UnmodifiableEntityException.class);
        assertThatThrownBy(() -> roles.putRolePermissionsBoundary(call(), PutRolePermissionsBoundaryRequest.builder().roleName("AWSServiceRoleForAutoScaling").permissionsBoundary("arn:aws:iam::aws:policy/ReadOnlyAccess").build()))
                .isInstanceOf(UnmodifiableEntityException.class);

        String taskId = roles.deleteServiceLinkedRole(call(), DeleteServiceLinkedRoleRequest.builder().roleName("AWSServiceRoleForAutoScaling").build()).deletionTaskId();
        assertThat(taskId).matches("task/aws-service-role/autoscaling\\.amazonaws\\.com/AWSServiceRoleForAutoScaling/[0-9a-f-]{36}");
        assertThatThrownBy(() -> get("AWSServiceRoleForAutoScaling")).isInstanceOf(NoSuchEntityException.class);
        assertThat(roles.getServiceLinkedRoleDeletionStatus(call(), GetServiceLinkedRoleDeletionStatusRequest.builder().deletionTaskId(taskId).build()).status()).isEqualTo(DeletionTaskStatusType.SUCCEEDED);
        assertThatThrownBy(() -> roles.getServiceLinkedRoleDeletionStatus(call(OTHER_ACCOUNT), GetServiceLinkedRoleDeletionStatusRequest.builder().deletionTaskId(taskId).build()))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> roles.getServiceLinkedRoleDeletionStatus(call(), GetServiceLinkedRoleDeletionStatusRequest.builder().deletionTaskId("task/nonsense").build()))
                .isInstanceOf(InvalidInputException.class);

        create("plain", "/", EC2_TRUST);
        assertThatThrownBy(() -> roles.deleteServiceLinkedRole(call(), DeleteServiceLinkedRoleRequest.builder().roleName("plain").build()))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> roles.deleteServiceLinkedRole(call(), DeleteServiceLinkedRoleRequest.builder().roleName("ghost").build()))
                .isInstanceOf(NoSuchEntityException.class);
    }
}
