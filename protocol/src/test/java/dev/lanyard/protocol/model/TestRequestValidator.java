package dev.lanyard.protocol.model;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.autoscaling.model.CreateOrUpdateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsRequest;
import software.amazon.awssdk.services.emr.model.HadoopJarStepConfig;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccessKeyRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TestRequestValidator
{
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    private final ModelTables tables = new ModelTables();
    private final RequestValidator validator = new RequestValidator(tables);

    @Test
    void validRequestsPass()
    {
        validator.validate(AwsService.IAM, "CreateRole", CreateRoleRequest.builder()
                .roleName("deploy@prod")
                .assumeRolePolicyDocument(POLICY)
                .maxSessionDuration(3600)
                .tags(Tag.builder().key("team").value("").build())
                .build());
        validator.validate(AwsService.IAM, "GetAccountSummary", GetAccountSummaryRequest.builder().build());
        validator.validate(AwsService.STS, "AssumeRole", AssumeRoleRequest.builder()
                .roleArn("arn:aws:iam::123456789012:role/deploy")
                .roleSessionName("session")
                .build());
    }

    @Test
    void queryPattern()
    {
        assertQueryError(AwsService.IAM, "CreateRole", CreateRoleRequest.builder().roleName("a b").assumeRolePolicyDocument(POLICY).build(),
                "1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }

    @Test
    void queryMissing()
    {
        assertQueryError(AwsService.IAM, "CreateRole", CreateRoleRequest.builder().assumeRolePolicyDocument(POLICY).build(),
                "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void queryLength()
    {
        String longName = "r".repeat(65);
        assertQueryError(AwsService.IAM, "CreateRole", CreateRoleRequest.builder().roleName(longName).assumeRolePolicyDocument(POLICY).build(),
                "1 validation error detected: Value '" + longName + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64");
        assertQueryError(AwsService.STS, "AssumeRole", AssumeRoleRequest.builder().roleArn("arn:aws:iam::123456789012:role/deploy").roleSessionName("s").build(),
                "1 validation error detected: Value 's' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
    }

    @Test
    void lengthCountsCodePoints()
    {
        // U+1D400 MATHEMATICAL BOLD CAPITAL A is a letter (\p{L}) outside the Basic Multilingual Plane: two chars, one character
        String letters = "\uD835\uDC00".repeat(256);
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn("arn:aws:iam::123456789012:role/deploy")
                .roleSessionName("session");
        validator.validate(AwsService.STS, "AssumeRole", request.tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("k").value(letters).build()).build());
        assertThatThrownBy(() -> validator.validate(AwsService.STS, "AssumeRole", request.tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("k").value(letters + "\uD835\uDC00").build()).build()))
                .hasMessageEndingWith("at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
    }

    @Test
    void queryRange()
    {
        assertQueryError(AwsService.IAM, "CreateRole", CreateRoleRequest.builder().roleName("deploy").assumeRolePolicyDocument(POLICY).maxSessionDuration(60).build(),
                "1 validation error detected: Value '60' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600");
        assertQueryError(AwsService.STS, "AssumeRole", AssumeRoleRequest.builder().roleArn("arn:aws:iam::123456789012:role/deploy").roleSessionName("session").durationSeconds(43201).build(),
                "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200");
    }

    @Test
    void queryEnum()
    {
        assertQueryError(AwsService.IAM, "UpdateAccessKey", UpdateAccessKeyRequest.builder().accessKeyId("AKIAIOSFODNN7EXAMPLE").status("Foo").build(),
                "1 validation error detected: Value 'Foo' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]");
    }

    @Test
    void queryNestedListMembers()
    {
        String longKey = "k".repeat(129);
        assertQueryError(AwsService.IAM, "TagRole", TagRoleRequest.builder()
                        .roleName("deploy")
                        .tags(Tag.builder().key("fine").value("fine").build(), Tag.builder().key(longKey).value("v").build(), Tag.builder().key("k").build())
                        .build(),
                "2 validation errors detected: " +
                        "Value '" + longKey + "' at 'tags.2.member.key' failed to satisfy constraint: Member must have length less than or equal to 128; " +
                        "Value null at 'tags.3.member.value' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void queryListLength()
    {
        Tag[] tags = new Tag[51];
        for (int index = 0; index < tags.length; index++) {
            tags[index] = Tag.builder().key("k" + index).value("v").build();
        }
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, () -> validator.validate(AwsService.IAM, "TagRole", TagRoleRequest.builder().roleName("deploy").tags(tags).build()));
        assertThat(error.code()).isEqualTo("ValidationError");
        assertThat(error.getMessage())
                .startsWith("1 validation error detected: Value '[Tag(Key=k0, Value=v), ")
                .endsWith("]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    @Test
    void unsetRequiredListIsMissing()
    {
        assertQueryError(AwsService.IAM, "TagRole", TagRoleRequest.builder().roleName("deploy").build(),
                "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void queryMultipleErrorsInMemberOrder()
    {
        // CreateRole declares Path, RoleName, AssumeRolePolicyDocument, ..., MaxSessionDuration in that order
        assertQueryError(AwsService.IAM, "CreateRole", CreateRoleRequest.builder().path("no-slash").roleName("").maxSessionDuration(50000).build(),
                "5 validation errors detected: " +
                        "Value 'no-slash' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F); " +
                        "Value '' at 'roleName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
                        "Value '' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; " +
                        "Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null; " +
                        "Value '50000' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200");
    }

    @Test
    void autoScalingNested()
    {
        assertQueryError(AwsService.AUTOSCALING, "CreateOrUpdateTags", CreateOrUpdateTagsRequest.builder()
                        .tags(software.amazon.awssdk.services.autoscaling.model.Tag.builder().resourceId("asg").value("v").build())
                        .build(),
                "1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void jsonServiceSaysValidationException()
    {
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, () -> validator.validate(AwsService.EMR, "AddJobFlowSteps", AddJobFlowStepsRequest.builder()
                .jobFlowId("j-1")
                .steps(StepConfig.builder().name("s").actionOnFailure("EXPLODE").hadoopJarStep(HadoopJarStepConfig.builder().build()).build())
                .build()));
        assertThat(error.code()).isEqualTo("ValidationException");
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.getMessage()).isEqualTo("2 validation errors detected: " +
                "Value 'EXPLODE' at 'steps.1.member.actionOnFailure' failed to satisfy constraint: Member must satisfy enum value set: [TERMINATE_JOB_FLOW, TERMINATE_CLUSTER, CANCEL_AND_WAIT, CONTINUE]; " +
                "Value null at 'steps.1.member.hadoopJarStep.jar' failed to satisfy constraint: Member must not be null");

        assertThatThrownBy(() -> validator.validate(AwsService.EMR, "AddJobFlowSteps", AddJobFlowStepsRequest.builder().build()))
                .isInstanceOf(AwsErrorException.class)
                .hasMessage("2 validation errors detected: " +
                        "Value null at 'jobFlowId' failed to satisfy constraint: Member must not be null; " +
                        "Value null at 'steps' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void ec2MissingParameterUsesTheWireName()
    {
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, () -> validator.validate(AwsService.EC2, "CreateTags", CreateTagsRequest.builder()
                .tags(software.amazon.awssdk.services.ec2.model.Tag.builder().key("k").value("v").build())
                .build()));
        assertThat(error.code()).isEqualTo("MissingParameter");
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.getMessage()).isEqualTo("The request must contain the parameter ResourceId");

        assertThatThrownBy(() -> validator.validate(AwsService.EC2, "RunInstances", RunInstancesRequest.builder().imageId("ami-1").maxCount(1).build()))
                .hasMessage("The request must contain the parameter MinCount");
    }

    @Test
    void ec2InvalidParameterValue()
    {
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, () -> validator.validate(AwsService.EC2, "RunInstances", RunInstancesRequest.builder()
                .imageId("ami-1").minCount(1).maxCount(1)
                .instanceType("t9.gigantic")
                .build()));
        assertThat(error.code()).isEqualTo("InvalidParameterValue");
        assertThat(error.getMessage()).isEqualTo("Value (t9.gigantic) for parameter InstanceType is invalid.");

        assertThatThrownBy(() -> validator.validate(AwsService.EC2, "RunInstances", RunInstancesRequest.builder()
                .imageId("ami-1").minCount(1).maxCount(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).build(), TagSpecification.builder().resourceType("spaceship").build())
                .build()))
                .hasMessage("Value (spaceship) for parameter TagSpecification.2.ResourceType is invalid.");
    }

    @Test
    void unknownOperationsAndWrongRequestsAreProgrammingErrors()
    {
        assertThatThrownBy(() -> validator.validate(AwsService.IAM, "LaunchRocket", GetAccountSummaryRequest.builder().build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LaunchRocket");
        validator.validate(AwsService.IAM, "GetAccountSummary", GetAccountSummaryRequest.builder().build());
        assertThatThrownBy(() -> validator.validate(AwsService.IAM, "GetAccountSummary", TagRoleRequest.builder().build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOperationCompilesAPlanAndValidatesAnEmptyRequest()
    {
        int operations = 0;
        for (AwsService service : AwsService.values()) {
            Map<String, Class<? extends SdkRequest>> requests = SdkOperations.requestClasses(service);
            for (String operation : tables.operationNames(service)) {
                Class<? extends SdkRequest> requestClass = requests.get(operation.toLowerCase(Locale.ROOT));
                if (requestClass == null) {
                    continue;
                }
                SdkRequest request = SdkOperations.emptyRequest(requestClass);
                // the SDK fills idempotency tokens (ClientToken) in getValueOrDefault, so they are never missing
                boolean hasRequired = tables.operation(service, operation).orElseThrow().inputShape()
                        .map(shape -> tables.shape(service, shape).orElseThrow().required().stream().anyMatch(member -> !member.equals("ClientToken")))
                        .orElse(false);
                try {
                    validator.validate(service, operation, request);
                    assertThat(hasRequired).as("%s %s has required members but passed empty", service, operation).isFalse();
                }
                catch (AwsErrorException e) {
                    assertThat(hasRequired).as("%s %s: %s", service, operation, e.getMessage()).isTrue();
                }
                operations++;
            }
        }
        assertThat(operations).isGreaterThan(1000);
    }

    @Test
    void emptyListsAndMapsAreNotMissing()
    {
        // an explicitly empty list is present (the SDK distinguishes it from the auto-constructed one)
        assertQueryError(AwsService.IAM, "TagRole", TagRoleRequest.builder().roleName("deploy").tags(Collections.emptyList()).build(), null);
    }

    private void assertQueryError(AwsService service, String operation, software.amazon.awssdk.core.SdkPojo request, String expectedMessage)
    {
        if (expectedMessage == null) {
            validator.validate(service, operation, request);
            return;
        }
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, () -> validator.validate(service, operation, request));
        assertThat(error).as("expected a validation error").isNotNull();
        assertThat(error.code()).isEqualTo("ValidationError");
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.senderFault()).isTrue();
        assertThat(error.getMessage()).isEqualTo(expectedMessage);
    }
}
