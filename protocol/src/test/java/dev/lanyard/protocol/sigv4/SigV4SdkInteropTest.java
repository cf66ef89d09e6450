package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.lanyard.protocol.sigv4.SdkSigner.SECRET_ACCESS_KEY;
import static dev.lanyard.protocol.sigv4.SdkSigner.SIGNING_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests signed by the AWS SDK's own signer verify, in both forms, for every service. */
class SigV4SdkInteropTest
{
    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    private final SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(SIGNING_TIME, ZoneOffset.UTC));

    private void assertVerifies(WireRequest request, AwsService service)
    {
        SignedRequest signed = SigV4Parser.parse(request, service);
        verifier.verify(signed, request, SECRET_ACCESS_KEY, service);
    }

    private static String endpoint(AwsService service)
    {
        return "https://" + service.signingName() + ".us-east-1.amazonaws.com";
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void postFormBody(AwsService service)
    {
        byte[] body = ("Action=GetCallerIdentity&Version=" + service.apiVersion() + "&Tag.1.Value=a%20b%2Bc%26d%3De%2F%7E").getBytes(StandardCharsets.UTF_8);
        WireRequest request = SdkSigner.standard().sign(service.signingName(), "POST", endpoint(service) + "/", FORM, body);
        assertThat(request.header("authorization")).isPresent();
        assertVerifies(request, service);
    }

    @Test
    void emrJsonBody()
    {
        byte[] body = "{\"ClusterId\":\"j-2AXXXXXXGAPLF\",\"Name\":\"naïve \\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        WireRequest request = SdkSigner.standard().sign("elasticmapreduce", "POST", "https://elasticmapreduce.us-east-1.amazonaws.com/",
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "ElasticMapReduce.DescribeCluster"), body);
        assertVerifies(request, AwsService.EMR);
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void getWithAwkwardQuery(AwsService service)
    {
        // Spaces, unicode (two- and four-byte UTF-8), reserved characters, an empty value, a repeated name and unsorted names.
        String uri = endpoint(service) + "/?Version=" + service.apiVersion() + "&Action=ListUsers"
                + "&PathPrefix=%2Fdivision%20abc%2Fsub%2F&Marker=caf%C3%A9%20%F0%9F%98%80&Reserved=%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D"
                + "&Empty=&Repeated=b&Repeated=a&tilde=~._-";
        WireRequest request = SdkSigner.standard().sign(service.signingName(), "GET", uri, Map.of(), new byte[0]);
        assertVerifies(request, service);
    }

    @Test
    void headerValuesWithInnerWhiteSpaceAndTwoValues()
    {
        WireRequest request = SdkSigner.standard().sign("iam", "POST", "https://iam.amazonaws.com/",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Amz-Meta-Spaced", "  a   b \t c  "), "Action=ListUsers&Version=2010-05-08".getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("x-amz-meta-spaced")).isPresent();
        assertThat(SigV4Parser.parse(request).signedHeaderNames()).contains("x-amz-meta-spaced");
        assertVerifies(request, AwsService.IAM);
    }

    @Test
    void pathIsEncodedTwiceAsForEveryServiceButS3()
    {
        WireRequest request = SdkSigner.standard().sign("iam", "GET", "https://iam.amazonaws.com/some%20path/./x/../caf%C3%A9?Action=ListUsers", Map.of(), new byte[0]);
        assertVerifies(request, AwsService.IAM);
    }

    @Test
    void portIsPartOfTheSignedHost()
    {
        WireRequest request = SdkSigner.standard().sign("sts", "POST", "http://localhost:8440/", FORM, "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));
        assertThat(request.header("host")).contains("localhost:8440");
        assertVerifies(request, AwsService.STS);
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void sessionTokenInHeader(AwsService service)
    {
        String token = "FwoGZXIvYXdzEBYaDH+/token=with/odd+chars";
        WireRequest request = SdkSigner.standard().withSessionToken(token)
                .sign(service.signingName(), "POST", endpoint(service) + "/", FORM, "Action=GetCallerIdentity".getBytes(StandardCharsets.UTF_8));
        SignedRequest signed = SigV4Parser.parse(request);
        assertThat(signed.securityToken()).contains(token);
        assertVerifies(request, service);
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void presignedGet(AwsService service)
    {
        String uri = endpoint(service) + "/?Action=GetCallerIdentity&Version=" + service.apiVersion() + "&Name=a%20b%2Bc%C3%A9";
        WireRequest request = SdkSigner.standard().presign(service.signingName(), "GET", uri, Map.of(), new byte[0], Duration.ofMinutes(5));
        assertThat(request.header("authorization")).isEmpty();
        SignedRequest signed = SigV4Parser.parse(request);
        assertThat(signed.location()).isEqualTo(SignedRequest.Location.QUERY_STRING);
        assertThat(signed.presignedExpiry()).contains(Duration.ofMinutes(5));
        assertThat(signed.accessKeyId()).isEqualTo(SdkSigner.ACCESS_KEY_ID);
        assertThat(signed.scope()).isEqualTo(new CredentialScope("20261123", "us-east-1", service.signingName()));
        assertVerifies(request, service);
    }

    @Test
    void presignedPostWithFormBodyAndSessionToken()
    {
        String token = "IQoJb3JpZ2luX2VjEA+/session=";
        WireRequest request = SdkSigner.standard().withSessionToken(token)
                .presign("sts", "POST", "https://sts.amazonaws.com/", FORM, "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1));
        SignedRequest signed = SigV4Parser.parse(request);
        assertThat(signed.securityToken()).contains(token);
        assertVerifies(request, AwsService.STS);
    }

    @Test
    void presignedRequestIsValidUntilItsExpiryEvenBeyondTheSkew()
    {
        WireRequest request = SdkSigner.standard().presign("iam", "GET", "https://iam.amazonaws.com/?Action=ListUsers", Map.of(), new byte[0], Duration.ofHours(2));
        SigV4Verifier later = new SigV4Verifier(Clock.fixed(SIGNING_TIME.plus(Duration.ofMinutes(119)), ZoneOffset.UTC));
        later.verify(SigV4Parser.parse(request), request, SECRET_ACCESS_KEY, AwsService.IAM);
    }

    @Test
    void requestTimeWithinTheSkewVerifies()
    {
        WireRequest request = SdkSigner.standard().sign("iam", "GET", "https://iam.amazonaws.com/?Action=ListUsers", Map.of(), new byte[0]);
        for (Duration offset : new Duration[] {Duration.ofMinutes(-15), Duration.ofMinutes(14), Duration.ofMinutes(15)}) {
            new SigV4Verifier(Clock.fixed(SIGNING_TIME.plus(offset), ZoneOffset.UTC)).verify(SigV4Parser.parse(request), request, SECRET_ACCESS_KEY, AwsService.IAM);
        }
    }
}
