package dev.lanyard.bench;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.OperationModel;
import dev.lanyard.protocol.ProtocolCodec;
import dev.lanyard.protocol.ServiceCatalog;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Decoding a request and encoding its response, per protocol, without HTTP. */
public class CodecBenchmark
        extends AbstractBenchmark
{
    private ProtocolCodec stsCodec;
    private ProtocolCodec iamCodec;
    private OperationModel getCallerIdentity;
    private OperationModel createRole;
    private OperationModel getRole;
    private WireRequest getCallerIdentityRequest;
    private WireRequest createRoleRequest;
    private GetCallerIdentityResponse getCallerIdentityResponse;
    private GetRoleResponse getRoleResponse;

    @Setup
    public void setUp()
    {
        stsCodec = ProtocolCodec.forService(AwsService.STS);
        iamCodec = ProtocolCodec.forService(AwsService.IAM);
        getCallerIdentity = ServiceCatalog.operation(AwsService.STS, "GetCallerIdentity").orElseThrow();
        createRole = ServiceCatalog.operation(AwsService.IAM, "CreateRole").orElseThrow();
        getRole = ServiceCatalog.operation(AwsService.IAM, "GetRole").orElseThrow();
        getCallerIdentityRequest = form("Action=GetCallerIdentity&Version=2011-06-15");
        createRoleRequest = form("Action=CreateRole&Version=2010-05-08&RoleName=example-role&Path=%2Fservice%2F"
                + "&AssumeRolePolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=platform&MaxSessionDuration=7200");
        getCallerIdentityResponse = GetCallerIdentityResponse.builder().account("123456789012").arn("arn:aws:iam::123456789012:root").userId("123456789012").build();
        getRoleResponse = GetRoleResponse.builder().role(Role.builder()
                .roleName("example-role").roleId("AROAEXAMPLEEXAMPLE01").path("/service/")
                .arn("arn:aws:iam::123456789012:role/service/example-role").createDate(Instant.parse("2026-11-23T12:00:00Z"))
                .assumeRolePolicyDocument("%7B%22Version%22%3A%222012-10-17%22%7D").maxSessionDuration(3600)
                .tags(List.of(Tag.builder().key("team").value("platform").build())).build()).build();
    }

    private static WireRequest form(String body)
    {
        return new WireRequest("POST", "/", "", Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")), body.getBytes(StandardCharsets.UTF_8), "127.0.0.1", false);
    }

    @Benchmark
    public WireResponse getCallerIdentityRoundTrip()
    {
        // A fresh WireRequest each time: the form parameters are parsed once per request, as in the server.
        WireRequest request = new WireRequest(getCallerIdentityRequest.method(), "/", "", getCallerIdentityRequest.headers(), getCallerIdentityRequest.body(), "127.0.0.1", false);
        SdkRequest decoded = stsCodec.decodeRequest(getCallerIdentity, request);
        return stsCodec.encodeResponse(getCallerIdentity, getCallerIdentityResponse, decoded == null ? "" : "request-id");
    }

    @Benchmark
    public SdkRequest decodeCreateRole()
    {
        WireRequest request = new WireRequest(createRoleRequest.method(), "/", "", createRoleRequest.headers(), createRoleRequest.body(), "127.0.0.1", false);
        return iamCodec.decodeRequest(createRole, request);
    }

    @Benchmark
    public WireResponse encodeGetRole()
    {
        return iamCodec.encodeResponse(getRole, getRoleResponse, "request-id");
    }
}
