package dev.lanyard.protocol.model;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TestModelErrors
{
    private final ModelErrors errors = new ModelErrors(new ModelTables());

    @Test
    void iamErrors()
    {
        assertError(AwsService.IAM, software.amazon.awssdk.services.iam.model.NoSuchEntityException.builder().message("The role with name x cannot be found.").build(),
                "NoSuchEntity", "The role with name x cannot be found.", 404, true);
        assertError(AwsService.IAM, software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException.builder().message("Role with name x already exists.").build(),
                "EntityAlreadyExists", "Role with name x already exists.", 409, true);
        assertError(AwsService.IAM, software.amazon.awssdk.services.iam.model.ServiceFailureException.builder().message("boom").build(),
                "ServiceFailure", "boom", 500, false);
        // shape DuplicateSSHPublicKeyException, class DuplicateSshPublicKeyException
        assertError(AwsService.IAM, software.amazon.awssdk.services.iam.model.DuplicateSshPublicKeyException.builder().message("dup").build(),
                "DuplicateSSHPublicKey", "dup", 400, true);
        assertError(AwsService.IAM, software.amazon.awssdk.services.iam.model.CredentialReportNotReadyException.builder().message("wait").build(),
                "ReportInProgress", "wait", 404, true);
    }

    @Test
    void stsErrors()
    {
        assertError(AwsService.STS, software.amazon.awssdk.services.sts.model.ExpiredTokenException.builder().message("expired").build(),
                "ExpiredTokenException", "expired", 400, true);
        // shape IDPRejectedClaimException, class IdpRejectedClaimException
        assertError(AwsService.STS, software.amazon.awssdk.services.sts.model.IdpRejectedClaimException.builder().message("no").build(),
                "IDPRejectedClaim", "no", 403, true);
        assertError(AwsService.STS, software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException.builder().message("bad").build(),
                "MalformedPolicyDocument", "bad", 400, true);
    }

    @Test
    void autoScalingFaultsBecomeExceptions()
    {
        // shape ResourceContentionFault, class ResourceContentionException
        assertError(AwsService.AUTOSCALING, software.amazon.awssdk.services.autoscaling.model.ResourceContentionException.builder().message("busy").build(),
                "ResourceContention", "busy", 500, true);
        // shape InvalidNextToken, class InvalidNextTokenException
        assertError(AwsService.AUTOSCALING, software.amazon.awssdk.services.autoscaling.model.InvalidNextTokenException.builder().message("token").build(),
                "InvalidNextToken", "token", 400, true);
        assertError(AwsService.AUTOSCALING, software.amazon.awssdk.services.autoscaling.model.AlreadyExistsException.builder().message("exists").build(),
                "AlreadyExists", "exists", 400, true);
    }

    @Test
    void emrErrors()
    {
        assertError(AwsService.EMR, software.amazon.awssdk.services.emr.model.InvalidRequestException.builder().message("bad").build(),
                "InvalidRequestException", "bad", 400, true);
        assertError(AwsService.EMR, software.amazon.awssdk.services.emr.model.InternalServerException.builder().message("oops").build(),
                "InternalServerException", "oops", 500, false);
        // shape InternalServerError, class InternalServerErrorException; the model gives it no status, so 400 (as the SDK registers it)
        assertError(AwsService.EMR, software.amazon.awssdk.services.emr.model.InternalServerErrorException.builder().message("oops").build(),
                "InternalServerError", "oops", 400, true);
    }

    @Test
    void ec2ErrorsComeFromErrorDetails()
    {
        AwsServiceException notFound = software.amazon.awssdk.services.ec2.model.Ec2Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidInstanceID.NotFound").errorMessage("The instance ID 'i-1' does not exist").build())
                .statusCode(400)
                .build();
        assertError(AwsService.EC2, notFound, "InvalidInstanceID.NotFound", "The instance ID 'i-1' does not exist", 400, true);

        AwsServiceException unavailable = software.amazon.awssdk.services.ec2.model.Ec2Exception.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Unavailable").errorMessage("try later").build())
                .statusCode(503)
                .build();
        assertError(AwsService.EC2, unavailable, "Unavailable", "try later", 503, false);
    }

    @Test
    void errorDetailsCodeIsLookedUpInTheModel()
    {
        AwsServiceException generic = software.amazon.awssdk.services.iam.model.IamException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("DeleteConflict").errorMessage("attached").build())
                .build();
        assertError(AwsService.IAM, generic, "DeleteConflict", "attached", 409, true);
    }

    @Test
    void baseExceptionWithoutCodeIsAnInternalFailure()
    {
        assertError(AwsService.IAM, software.amazon.awssdk.services.iam.model.IamException.builder().message("what").build(),
                "InternalFailure", "what", 500, false);
    }

    @Test
    void errorForCode()
    {
        assertThat(errors.errorForCode(AwsService.IAM, "EntityAlreadyExists")).contains(new ErrorShape("EntityAlreadyExistsException", "EntityAlreadyExists", 409, true));
        assertThat(errors.errorForCode(AwsService.STS, "RegionDisabledException").map(ErrorShape::httpStatusCode)).contains(403);
        assertThat(errors.errorForCode(AwsService.IAM, "Nope")).isEmpty();
        assertThat(errors.errorForCode(AwsService.EC2, "InvalidInstanceID.NotFound")).isEmpty();
    }

    @Test
    void everyModelledExceptionOfEveryClientTranslatesFromTheTable()
    {
        ModelTables tables = new ModelTables();
        for (AwsService service : AwsService.values()) {
            Set<Class<?>> exceptionClasses = new LinkedHashSet<>();
            try {
                for (Method method : Class.forName(service.syncClientClassName()).getMethods()) {
                    for (Class<?> exception : method.getExceptionTypes()) {
                        if (AwsServiceException.class.isAssignableFrom(exception) && exception.getPackageName().equals(service.sdkPackage() + ".model")) {
                            exceptionClasses.add(exception);
                        }
                    }
                }
            }
            catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            for (Class<?> exception : exceptionClasses) {
                String simpleName = exception.getSimpleName();
                boolean serviceBase = simpleName.equalsIgnoreCase(service.syncClientClassName().substring(service.sdkPackage().length() + 1).replace("Client", "Exception"));
                if (serviceBase) {
                    continue;
                }
                assertThat(tables.table(service).errorForSdkExceptionName(simpleName)).as("%s %s", service, simpleName).isPresent();
            }
        }
    }

    private void assertError(AwsService service, AwsServiceException modelled, String code, String message, int status, boolean senderFault)
    {
        AwsErrorException error = errors.translate(service, modelled);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.senderFault()).isEqualTo(senderFault);
    }
}
