package dev.lanyard.protocol;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad input is answered with the protocol's own validation error, never with an unexpected RuntimeException. */
class MalformedInputTest
{
    @Test
    void queryRefusesMalformedScalars()
    {
        assertRefused(AwsService.IAM, "Action=ListRoles&Version=2010-05-08&MaxItems=ten", "ValidationError", "MaxItems");
        assertRefused(AwsService.IAM, "Action=ListRoles&Version=2010-05-08&MaxItems=99999999999", "ValidationError", "MaxItems");
        assertRefused(AwsService.STS, "Action=AssumeRole&Version=2011-06-15&DurationSeconds=1.5", "ValidationError", "DurationSeconds");
        assertRefused(AwsService.EC2, "Action=DescribeInstances&Version=2016-11-15&DryRun=yes", "InvalidParameterValue", "DryRun");
        assertRefused(AwsService.EC2, "Action=DescribeInstances&Version=2016-11-15&MaxResults=x", "InvalidParameterValue", "MaxResults");
        assertRefused(AwsService.AUTOSCALING, "Action=DescribeScheduledActions&Version=2011-01-01&StartTime=yesterday", "ValidationError", "StartTime");
    }

    @Test
    void queryDecodesNestedListsAndIgnoresUnknownParameters()
    {
        WireRequest request = form("Action=CreateRole&Version=2010-05-08&RoleName=r&MaxSessionDuration=3600&Tags.member.1.Key=k&Tags.member.1.Value=v&Tags.member.2.Key=k2&Bogus=1");
        OperationModel operation = ServiceCatalog.operation(AwsService.IAM, "CreateRole").orElseThrow();
        CreateRoleRequest decoded = (CreateRoleRequest) ProtocolCodecs.forService(AwsService.IAM).decodeRequest(operation, request);
        assertThat(decoded.roleName()).isEqualTo("r");
        assertThat(decoded.maxSessionDuration()).isEqualTo(3600);
        assertThat(decoded.tags()).hasSize(2);
        assertThat(decoded.tags().get(1).key()).isEqualTo("k2");
        assertThat(ProtocolCodecs.forService(AwsService.IAM).operationName(request)).contains("CreateRole");
        assertThat(ProtocolCodecs.forService(AwsService.IAM).operationName(form("Version=2010-05-08"))).isEmpty();

        WireRequest ec2 = form("Action=DescribeInstances&InstanceId.1=i-1&InstanceId.2=i-2&Filter.1.Name=tag:a&Filter.1.Value.1=x&Filter.1.Value.2=y");
        DescribeInstancesRequest instances = (DescribeInstancesRequest) ProtocolCodecs.forService(AwsService.EC2)
                .decodeRequest(ServiceCatalog.operation(AwsService.EC2, "DescribeInstances").orElseThrow(), ec2);
        assertThat(instances.instanceIds()).containsExactly("i-1", "i-2");
        assertThat(instances.filters().get(0).values()).containsExactly("x", "y");

        AssumeRoleRequest empty = (AssumeRoleRequest) ProtocolCodecs.forService(AwsService.STS)
                .decodeRequest(ServiceCatalog.operation(AwsService.STS, "AssumeRole").orElseThrow(), form("Action=AssumeRole&PolicyArns="));
        assertThat(empty.hasPolicyArns()).isTrue();
        assertThat(empty.policyArns()).isEmpty();
        assertThat(empty.hasTags()).isFalse();
    }

    @Test
    void jsonRefusesMalformedBodies()
    {
        assertJsonRefused("RunJobFlow", "{\"Name\":");
        assertJsonRefused("RunJobFlow", "[1,2]");
        assertJsonRefused("RunJobFlow", "\"text\"");
        assertJsonRefused("RunJobFlow", "{\"Name\":{\"a\":1}}");
        assertJsonRefused("RunJobFlow", "{\"StepConcurrencyLevel\":\"many\"}");
        assertJsonRefused("RunJobFlow", "{\"StepConcurrencyLevel\":1.5}");
        assertJsonRefused("RunJobFlow", "{\"StepConcurrencyLevel\":99999999999}");
        assertJsonRefused("RunJobFlow", "{\"VisibleToAllUsers\":\"yes\"}");
        assertJsonRefused("RunJobFlow", "{\"Steps\":{}}");
        assertJsonRefused("ListClusters", "{\"CreatedAfter\":\"soon\"}");
        assertJsonRefused("ListClusters", "{} {}");
    }

    @Test
    void jsonDecodesEmptyBodiesTimestampsAndIgnoresUnknownMembers()
    {
        ProtocolCodec codec = ProtocolCodecs.forService(AwsService.EMR);
        OperationModel listClusters = ServiceCatalog.operation(AwsService.EMR, "ListClusters").orElseThrow();
        assertThat(codec.decodeRequest(listClusters, json("ListClusters", ""))).isEqualTo(ListClustersRequest.builder().build());
        ListClustersRequest decoded = (ListClustersRequest) codec.decodeRequest(listClusters, json("ListClusters", "{\"CreatedAfter\":1700000000.5,\"Unknown\":{\"x\":[1,{}]},\"ClusterStates\":[\"RUNNING\"],\"Marker\":null}"));
        assertThat(decoded.createdAfter()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_500L));
        assertThat(decoded.clusterStatesAsStrings()).containsExactly("RUNNING");
        assertThat(codec.operationName(json("ListClusters", "{}"))).contains("ListClusters");
        assertThat(codec.operationName(json("", "{}"))).isEmpty();
        RunJobFlowRequest runJobFlow = (RunJobFlowRequest) codec.decodeRequest(ServiceCatalog.operation(AwsService.EMR, "RunJobFlow").orElseThrow(),
                json("RunJobFlow", "{\"Name\":\"n\",\"Configurations\":[{\"Classification\":\"c\",\"Properties\":{\"a\":\"b\"}}]}"));
        assertThat(runJobFlow.configurations().get(0).properties()).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void errorsAreEscaped()
    {
        WireResponse response = ProtocolCodecs.forService(AwsService.IAM).encodeError(new AwsErrorException("NoSuchEntity", "Role <x> & \"y\" not found", 404), "id-1");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("text/xml");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
                "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                        + "<Message>Role &lt;x&gt; &amp; \"y\" not found</Message></Error><RequestId>id-1</RequestId></ErrorResponse>");
        WireResponse json = ProtocolCodecs.forService(AwsService.EMR).encodeError(new AwsErrorException("InternalServerError", "boom \"x\"", 500), "id-2");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"InternalServerError\",\"message\":\"boom \\\"x\\\"\"}");
    }

    @Test
    void deleteRoleHasNoResultElementAndUpdateRoleAnEmptyOne()
    {
        ProtocolCodec codec = ProtocolCodecs.forService(AwsService.IAM);
        OperationModel deleteRole = ServiceCatalog.operation(AwsService.IAM, "DeleteRole").orElseThrow();
        OperationModel updateRole = ServiceCatalog.operation(AwsService.IAM, "UpdateRole").orElseThrow();
        assertThat(new String(codec.encodeResponse(deleteRole, software.amazon.awssdk.services.iam.model.DeleteRoleResponse.builder().build(), "r").body(), StandardCharsets.UTF_8))
                .isEqualTo("<DeleteRoleResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteRoleResponse>");
        assertThat(new String(codec.encodeResponse(updateRole, software.amazon.awssdk.services.iam.model.UpdateRoleResponse.builder().build(), "r").body(), StandardCharsets.UTF_8))
                .contains("<UpdateRoleResult></UpdateRoleResult>");
    }

    @Test
    void policyDocumentsAreEncodedLikeAws()
    {
        assertThat(PolicyDocuments.encode("{\"Version\": \"2012-10-17\"}")).isEqualTo("%7B%22Version%22%3A%20%222012-10-17%22%7D");
        assertThat(PolicyDocuments.decode(PolicyDocuments.encode("{\"a\": \"b+c\"}"))).isEqualTo("{\"a\": \"b+c\"}");
    }

    private static void assertRefused(AwsService service, String form, String code, String parameter)
    {
        WireRequest request = form(form);
        ProtocolCodec codec = ProtocolCodecs.forService(service);
        OperationModel operation = ServiceCatalog.operation(service, codec.operationName(request).orElseThrow()).orElseThrow();
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, () -> codec.decodeRequest(operation, request));
        assertThat(error).as(form).isNotNull();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.getMessage()).contains(parameter);
    }

    private static void assertJsonRefused(String operationName, String body)
    {
        OperationModel operation = ServiceCatalog.operation(AwsService.EMR, operationName).orElseThrow();
        AwsErrorException error = catchThrowableOfType(AwsErrorException.class, () -> ProtocolCodecs.forService(AwsService.EMR).decodeRequest(operation, json(operationName, body)));
        assertThat(error).as(body).isNotNull();
        assertThat(error.code()).isEqualTo("SerializationException");
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    private static WireRequest form(String body)
    {
        return new WireRequest("POST", "/", "", Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")), body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", false);
    }

    private static WireRequest json(String operation, String body)
    {
        return new WireRequest("POST", "/", "", Map.of("Content-Type", List.of("application/x-amz-json-1.1"), "X-Amz-Target", List.of("ElasticMapReduce." + operation)),
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", false);
    }
}
