package dev.lanyard.protocol.model;

import dev.lanyard.protocol.AwsService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class TestModelTables
{
    private final ModelTables tables = new ModelTables();

    @Test
    void everyOperationOfEveryServiceIsModelled()
    {
        // counts from botocore 1.43.11 (len(service-2.json["operations"]))
        assertThat(tables.operationNames(AwsService.IAM)).hasSize(176);
        assertThat(tables.operationNames(AwsService.STS)).hasSize(11);
        assertThat(tables.operationNames(AwsService.AUTOSCALING)).hasSize(66);
        assertThat(tables.operationNames(AwsService.EMR)).hasSize(60);
        assertThat(tables.operationNames(AwsService.EC2)).hasSize(765);

        assertThat(tables.operationNames(AwsService.IAM)).contains("CreateRole", "CreateOpenIDConnectProvider", "GetAccountAuthorizationDetails");
        assertThat(tables.operationNames(AwsService.STS)).contains("AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity");
    }

    @Test
    void everySdkOperationHasATableEntry()
    {
        for (AwsService service : AwsService.values()) {
            List<String> modelled = tables.operationNames(service).stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
            Map<String, Class<? extends SdkRequest>> sdk = SdkOperations.requestClasses(service);
            assertThat(sdk).as(service.name()).isNotEmpty();
            assertThat(modelled).as(service.name()).containsAll(sdk.keySet());
        }
    }

    @Test
    void metadataAgreesWithTheServiceEnum()
    {
        for (AwsService service : AwsService.values()) {
            ServiceTable table = tables.table(service);
            assertThat(table.metadata().apiVersion()).isEqualTo(service.apiVersion());
            assertThat(table.metadata().targetPrefix()).isEqualTo(service.jsonTargetPrefix());
            assertThat(table.botocoreVersion()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(table.signingName()).isEqualTo(service.signingName());
        }
        assertThat(tables.table(AwsService.IAM).metadata().protocol()).isEqualTo("query");
        assertThat(tables.table(AwsService.EC2).metadata().protocol()).isEqualTo("ec2");
        assertThat(tables.table(AwsService.EMR).metadata().protocol()).isEqualTo("json");
    }

    @Test
    void operationsNameTheirShapesAndErrors()
    {
        OperationShape createRole = tables.operation(AwsService.IAM, "CreateRole").orElseThrow();
        assertThat(createRole.inputShape()).contains("CreateRoleRequest");
        assertThat(createRole.outputShape()).contains("CreateRoleResponse");
        assertThat(createRole.errorShapes()).contains("EntityAlreadyExistsException", "MalformedPolicyDocumentException");

        assertThat(tables.operation(AwsService.IAM, "DeleteRole").orElseThrow().outputShape()).isEmpty();
        assertThat(tables.operation(AwsService.IAM, "NoSuchOperation")).isEmpty();

        Shape roleName = tables.shape(AwsService.IAM, "roleNameType").orElseThrow();
        assertThat(roleName.type()).isEqualTo(ShapeType.STRING);
        assertThat(roleName.min()).hasValueSatisfying(min -> assertThat(min.intValue()).isEqualTo(1));
        assertThat(roleName.max()).hasValueSatisfying(max -> assertThat(max.intValue()).isEqualTo(64));
        assertThat(roleName.pattern()).contains("[\\w+=,.@-]+");

        Shape request = tables.shape(AwsService.IAM, "CreateRoleRequest").orElseThrow();
        assertThat(request.required()).containsExactlyInAnyOrder("RoleName", "AssumeRolePolicyDocument");
        assertThat(request.member("Tags").orElseThrow().shape()).isEqualTo("tagListType");

        // EC2 members travel under their query names
        Shape createTags = tables.shape(AwsService.EC2, "CreateTagsRequest").orElseThrow();
        assertThat(createTags.member("Resources").orElseThrow().wireName()).isEqualTo("ResourceId");
        assertThat(createTags.member("DryRun").orElseThrow().wireName()).isEqualTo("DryRun");
    }

    @Test
    void everyShapeReferenceResolves()
    {
        for (AwsService service : AwsService.values()) {
            ServiceTable table = tables.table(service);
            for (OperationShape operation : table.operations().values()) {
                operation.inputShape().ifPresent(table::requiredShape);
                for (String error : operation.errorShapes()) {
                    assertThat(table.error(error)).as("%s %s", service, error).isPresent();
                }
            }
            for (Shape shape : table.shapes().values()) {
                shape.members().forEach(member -> table.requiredShape(member.shape()));
                shape.listMember().ifPresent(table::requiredShape);
                shape.mapKey().ifPresent(table::requiredShape);
                shape.mapValue().ifPresent(table::requiredShape);
                assertThat(shape.members().stream().map(Member::name).toList()).containsAll(shape.required());
            }
        }
    }

    @Test
    void everyPatternCompiles()
    {
        int patterns = 0;
        for (AwsService service : AwsService.values()) {
            ServiceTable table = tables.table(service);
            for (Shape shape : table.shapes().values()) {
                if (shape.pattern().isEmpty()) {
                    continue;
                }
                try {
                    Pattern pattern = table.compiledPattern(shape);
                    assertThat(pattern).isNotNull();
                    patterns++;
                }
                catch (RuntimeException e) {
                    fail("%s pattern of %s does not compile: %s".formatted(service, shape.name(), shape.pattern().get()), e);
                }
            }
        }
        assertThat(patterns).isGreaterThan(50);
    }

    @Test
    void errorsCarryCodeStatusAndFault()
    {
        assertThat(tables.error(AwsService.IAM, "EntityAlreadyExistsException")).contains(new ErrorShape("EntityAlreadyExistsException", "EntityAlreadyExists", 409, true));
        assertThat(tables.error(AwsService.IAM, "ServiceFailureException")).contains(new ErrorShape("ServiceFailureException", "ServiceFailure", 500, false));
        // no "error" block in the model: the shape name is the code
        assertThat(tables.error(AwsService.IAM, "OrganizationNotFoundException")).contains(new ErrorShape("OrganizationNotFoundException", "OrganizationNotFoundException", 400, true));
        assertThat(tables.errorForCode(AwsService.IAM, "NoSuchEntity")).contains(new ErrorShape("NoSuchEntityException", "NoSuchEntity", 404, true));
        assertThat(tables.errorForCode(AwsService.STS, "ExpiredTokenException")).contains(new ErrorShape("ExpiredTokenException", "ExpiredTokenException", 400, true));
        assertThat(tables.error(AwsService.EMR, "InternalServerException")).contains(new ErrorShape("InternalServerException", "InternalServerException", 500, false));
        assertThat(tables.table(AwsService.EC2).errors()).isEmpty();
    }

    @Test
    void tablesAreLoadedOnce()
    {
        assertThat(tables.table(AwsService.STS)).isSameAs(tables.table(AwsService.STS));
    }
}
