package dev.lanyard.protocol;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCatalogTest
{
    @Test
    void findsOperationsCaseInsensitivelyWithTheirWireNames()
    {
        OperationModel operation = ServiceCatalog.operation(AwsService.IAM, "createopenidconnectprovider").orElseThrow();
        assertThat(operation).isEqualTo(new OperationModel(AwsService.IAM, "CreateOpenIDConnectProvider", CreateOpenIdConnectProviderRequest.class, CreateOpenIdConnectProviderResponse.class));
        assertThat(ServiceCatalog.operation(AwsService.IAM, "CreateOpenIdConnectProvider")).contains(operation);
        assertThat(ServiceCatalog.operation(AwsService.IAM, "GetOpenIDConnectProvider").orElseThrow().name()).isEqualTo("GetOpenIDConnectProvider");
        assertThat(ServiceCatalog.operation(AwsService.STS, "AssumeRoleWithSAML").orElseThrow().name()).isEqualTo("AssumeRoleWithSAML");
        assertThat(ServiceCatalog.operation(AwsService.EMR, "RunJobFlow")).isPresent();
    }

    @Test
    void unknownOperationsAreAbsent()
    {
        assertThat(ServiceCatalog.operation(AwsService.IAM, "LaunchRocket")).isEmpty();
        assertThat(ServiceCatalog.operation(AwsService.IAM, "")).isEmpty();
        // An operation of another service is not one of this service's.
        assertThat(ServiceCatalog.operation(AwsService.STS, "CreateRole")).isEmpty();
    }

    @Test
    void listsEveryOperationOnce()
    {
        assertThat(ServiceCatalog.operations(AwsService.STS)).extracting(OperationModel::name)
                .contains("AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity", "GetSessionToken")
                .doesNotHaveDuplicates();
        assertThat(ServiceCatalog.operations(AwsService.IAM)).hasSizeGreaterThanOrEqualTo(170)
                .extracting(OperationModel::name).contains("CreateRole", "DeleteRole", "ListOpenIDConnectProviders", "UploadSSHPublicKey");
        assertThat(ServiceCatalog.operations(AwsService.AUTOSCALING)).extracting(OperationModel::name).contains("CreateAutoScalingGroup");
        assertThat(ServiceCatalog.operations(AwsService.EC2)).extracting(OperationModel::name).contains("RunInstances", "DescribeInstances");
    }
}
