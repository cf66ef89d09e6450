package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.lanyard.protocol.sigv4.SdkSigner.SECRET_ACCESS_KEY;
import static dev.lanyard.protocol.sigv4.SdkSigner.SIGNING_TIME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a request can be wrong, for every service, with the error that service answers. Every tampered request is
 * first shown to verify untampered (in {@link #signed}), so a rejection is due to the tampering.
 */
class SigV4RejectionTest
{
    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");

    private static SigV4Verifier verifierAt(Instant now)
    {
        return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void verify(WireRequest request, AwsService service, String secret, Instant now)
    {
        verifierAt(now).verify(SigV4Parser.parse(request, service), request, secret, service);
    }

    private static void verify(WireRequest request, AwsService service)
    {
        verify(request, service, SECRET_ACCESS_KEY, SIGNING_TIME);
    }

    private static String endpoint(AwsService service)
    {
        return "https://" + service.signingName() + ".us-east-1.amazonaws.com/";
    }

    /** A POST with a form body and a GET-style query parameter, signed by the SDK, checked to verify as it is. */
    private static WireRequest signed(AwsService service)
    {
        WireRequest request = SdkSigner.standard().sign(service.signingName(), "POST", endpoint(service) + "?Marker=m1", FORM,
                ("Action=CreateUser&Version=" + service.apiVersion() + "&UserName=alice").getBytes(StandardCharsets.UTF_8));
        verify(request, service);
        return request;
    }

    private static WireRequest presigned(AwsService service, Duration expiry)
    {
        WireRequest request = SdkSigner.standard().presign(service.signingName(), "GET", endpoint(service) + "?Action=GetCallerIdentity&Version=" + service.apiVersion(),
                Map.of(), new byte[0], expiry);
        verify(request, service);
        return request;
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void wrongSecret(AwsService service)
    {
        WireRequest request = signed(service);
        String message = ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(request, service, SECRET_ACCESS_KEY + "x", SIGNING_TIME));
        if (service != AwsService.EC2) {
            assertThat(message).isEqualTo("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
        else {
            assertThat(message).isEqualTo("AWS was not able to validate the provided access credentials");
        }
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void alteredBody(AwsService service)
    {
        WireRequest request = WireRequests.withBody(signed(service), ("Action=CreateUser&Version=" + service.apiVersion() + "&UserName=mallory").getBytes(StandardCharsets.UTF_8));
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(request, service));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void alteredSignedHeader(AwsService service)
    {
        WireRequest original = signed(service);
        assertThat(SigV4Parser.parse(original).signedHeaderNames()).contains("content-type");
        WireRequest request = WireRequests.withHeader(original, "content-type", "application/x-www-form-urlencoded; charset=latin1");
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(request, service));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void alteredHost(AwsService service)
    {
        WireRequest request = WireRequests.withHeader(signed(service), "host", "evil.example.com");
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(request, service));
    }

    @Test
    void addedUnsignedHeaderIsIgnored()
    {
        verify(WireRequests.withHeader(signed(AwsService.IAM), "x-forwarded-for", "10.0.0.1"), AwsService.IAM);
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void alteredQueryParameter(AwsService service)
    {
        WireRequest original = signed(service);
        assertThat(original.rawQuery()).isEqualTo("Marker=m1");
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(WireRequests.withRawQuery(original, "Marker=m2"), service));
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(WireRequests.withRawQuery(original, "Marker=m1&Extra=1"), service));
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(WireRequests.withRawQuery(original, ""), service));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void alteredPresignedQueryParameter(AwsService service)
    {
        WireRequest original = presigned(service, Duration.ofMinutes(5));
        WireRequest request = WireRequests.withRawQuery(original, original.rawQuery().replace("Action=GetCallerIdentity", "Action=DeleteUser"));
        assertThat(request.rawQuery()).isNotEqualTo(original.rawQuery());
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(request, service));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void alteredPathOrMethod(AwsService service)
    {
        WireRequest original = signed(service);
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(WireRequests.withPath(original, "/other"), service));
        WireRequest asPut = new WireRequest("PUT", original.path(), original.rawQuery(), original.headers(), original.body(), "127.0.0.1", true);
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(asPut, service));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void hostNotSigned(AwsService service)
    {
        WireRequest unsigned = new WireRequest("POST", "/", "", Map.of(
                "Host", List.of(service.signingName() + ".amazonaws.com"),
                "X-Amz-Date", List.of("20261123T120000Z"),
                "Content-Type", List.of("application/x-www-form-urlencoded")),
                "Action=ListUsers".getBytes(StandardCharsets.UTF_8), "127.0.0.1", true);
        String credential = "AKIDEXAMPLE/20261123/us-east-1/" + service.signingName() + "/aws4_request";
        // The same request with host signed verifies: our self-signing is right, so only the missing host can fail the next one.
        verify(SelfSigner.sign(unsigned, credential, "host;x-amz-date", SECRET_ACCESS_KEY), service);
        WireRequest request = SelfSigner.sign(unsigned, credential, "content-type;x-amz-date", SECRET_ACCESS_KEY);
        String message = ExpectedErrors.incomplete(service).assertThrownBy(() -> verify(request, service));
        assertThat(message).isEqualTo("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void dateHeaderNotSigned()
    {
        WireRequest unsigned = new WireRequest("GET", "/", "Action=ListUsers", Map.of(
                "Host", List.of("iam.amazonaws.com"),
                "X-Amz-Date", List.of("20261123T120000Z")),
                new byte[0], "127.0.0.1", true);
        WireRequest request = SelfSigner.sign(unsigned, "AKIDEXAMPLE/20261123/us-east-1/iam/aws4_request", "host", SECRET_ACCESS_KEY);
        String message = ExpectedErrors.incomplete(AwsService.IAM).assertThrownBy(() -> verify(request, AwsService.IAM));
        assertThat(message).isEqualTo("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void httpDateHeaderInsteadOfXAmzDate()
    {
        WireRequest unsigned = new WireRequest("GET", "/", "Action=ListUsers", Map.of(
                "Host", List.of("iam.amazonaws.com"),
                "Date", List.of("Mon, 23 Nov 2026 12:00:00 GMT")),
                new byte[0], "127.0.0.1", true);
        WireRequest request = SelfSigner.sign(unsigned, "AKIDEXAMPLE/20261123/us-east-1/iam/aws4_request", "date;host", SECRET_ACCESS_KEY);
        SignedRequest signed = SigV4Parser.parse(request);
        assertThat(signed.amzDate()).isEqualTo("20261123T120000Z");
        assertThat(signed.dateHeader()).contains("date");
        verify(request, AwsService.IAM);
        ExpectedErrors.expired(AwsService.IAM).assertThrownBy(() -> verify(request, AwsService.IAM, SECRET_ACCESS_KEY, SIGNING_TIME.plus(Duration.ofMinutes(16))));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void scopeDateDiffersFromRequestDate(AwsService service)
    {
        WireRequest request = WireRequests.withHeader(signed(service), "x-amz-date", "20261124T000500Z");
        String message = ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(request, service, SECRET_ACCESS_KEY, Instant.parse("2026-11-24T00:05:00Z")));
        if (service != AwsService.EC2) {
            assertThat(message).isEqualTo("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261123' != '20261124', from '20261124T000500Z'.");
        }
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void scopeNamesAnotherService(AwsService service)
    {
        String other = service == AwsService.STS ? "iam" : "sts";
        WireRequest request = SdkSigner.standard().sign(other, "POST", endpoint(service), FORM, "Action=GetCallerIdentity".getBytes(StandardCharsets.UTF_8));
        String message = ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(request, service));
        if (service != AwsService.EC2) {
            assertThat(message).isEqualTo("Credential should be scoped to correct service: '" + service.signingName() + "'. ");
        }
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void requestSixteenMinutesOld(AwsService service)
    {
        WireRequest request = signed(service);
        String message = ExpectedErrors.expired(service).assertThrownBy(() -> verify(request, service, SECRET_ACCESS_KEY, SIGNING_TIME.plus(Duration.ofMinutes(16))));
        assertThat(message).isEqualTo(switch (service) {
            case EC2 -> "Request has expired.";
            case IAM, STS, AUTOSCALING, EMR -> "Signature expired: 20261123T120000Z is now earlier than 20261123T120100Z (20261123T121600Z - 15 min.)";
        });
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void requestSixteenMinutesInTheFuture(AwsService service)
    {
        WireRequest request = signed(service);
        String message = ExpectedErrors.expired(service).assertThrownBy(() -> verify(request, service, SECRET_ACCESS_KEY, SIGNING_TIME.minus(Duration.ofMinutes(16))));
        assertThat(message).isEqualTo(switch (service) {
            case EC2 -> "Request has expired.";
            case IAM, STS, AUTOSCALING, EMR -> "Signature not yet current: 20261123T120000Z is still later than 20261123T115900Z (20261123T114400Z + 15 min.)";
        });
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void presignedRequestExpired(AwsService service)
    {
        WireRequest request = presigned(service, Duration.ofMinutes(5));
        verify(request, service, SECRET_ACCESS_KEY, SIGNING_TIME.plus(Duration.ofMinutes(5)));
        String message = ExpectedErrors.expired(service).assertThrownBy(() -> verify(request, service, SECRET_ACCESS_KEY, SIGNING_TIME.plus(Duration.ofMinutes(5)).plusSeconds(1)));
        if (service != AwsService.EC2) {
            assertThat(message).startsWith("Signature expired: 20261123T120500Z is now earlier than 20261123T120501Z");
        }
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void presignedRequestNotYetValid(AwsService service)
    {
        WireRequest request = presigned(service, Duration.ofHours(1));
        ExpectedErrors.expired(service).assertThrownBy(() -> verify(request, service, SECRET_ACCESS_KEY, SIGNING_TIME.minus(Duration.ofMinutes(16))));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void presignedExpiryBeyondAWeek(AwsService service)
    {
        WireRequest original = presigned(service, Duration.ofMinutes(5));
        assertThat(original.rawQuery()).contains("X-Amz-Expires=300");
        WireRequest request = WireRequests.withRawQuery(original, original.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604801"));
        String message = ExpectedErrors.incomplete(service).assertThrownBy(() -> SigV4Parser.parse(request, service));
        assertThat(message).isEqualTo("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        // Exactly a week parses; its signature is then wrong because X-Amz-Expires is signed.
        WireRequest week = WireRequests.withRawQuery(original, original.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604800"));
        ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(week, service));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void missingSignature(AwsService service)
    {
        WireRequest request = WireRequests.withoutHeader(signed(service), "authorization");
        assertThat(SigV4Parser.isSigned(request)).isFalse();
        String message = ExpectedErrors.missing(service).assertThrownBy(() -> SigV4Parser.parse(request, service));
        assertThat(message).isEqualTo(switch (service) {
            case IAM, STS, AUTOSCALING -> "Request is missing Authentication Token";
            case EC2 -> "The request must contain either a valid (registered) AWS access key ID or X.509 certificate.";
            case EMR -> "Missing Authentication Token";
        });
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void declaredPayloadHashMustMatchTheBody(AwsService service)
    {
        byte[] body = "Action=ListUsers".getBytes(StandardCharsets.UTF_8);
        WireRequest request = SdkSigner.standard().sign(service.signingName(), "POST", endpoint(service),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Amz-Content-Sha256", Hashing.sha256Hex(body)), body);
        verify(request, service);
        WireRequest altered = WireRequests.withBody(request, "Action=DeleteUser".getBytes(StandardCharsets.UTF_8));
        String message = ExpectedErrors.badSignature(service).assertThrownBy(() -> verify(altered, service));
        if (service != AwsService.EC2) {
            assertThat(message).isEqualTo("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
    }

    /** Honoured as AWS does; the body is then not covered by the signature, which this test documents. */
    @Test
    void unsignedPayloadIsHonoured()
    {
        WireRequest unsigned = new WireRequest("POST", "/", "", Map.of(
                "Host", List.of("iam.amazonaws.com"),
                "X-Amz-Date", List.of("20261123T120000Z"),
                "X-Amz-Content-Sha256", List.of("UNSIGNED-PAYLOAD")),
                "Action=ListUsers".getBytes(StandardCharsets.UTF_8), "127.0.0.1", true);
        WireRequest request = SelfSigner.sign(unsigned, "AKIDEXAMPLE/20261123/us-east-1/iam/aws4_request", "host;x-amz-content-sha256;x-amz-date", SECRET_ACCESS_KEY);
        verify(request, AwsService.IAM);
        verify(WireRequests.withBody(request, "Action=DeleteUser".getBytes(StandardCharsets.UTF_8)), AwsService.IAM);
        // But the declaration itself is signed.
        ExpectedErrors.badSignature(AwsService.IAM).assertThrownBy(() -> verify(WireRequests.withHeader(request, "x-amz-content-sha256", Hashing.sha256Hex(request.body())), AwsService.IAM));
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void errorsTheServerRaisesItself(AwsService service)
    {
        ExpectedErrors.unknownAccessKey(service).assertIs(SigV4Errors.unknownAccessKey(service));
        ExpectedErrors.expiredToken(service).assertIs(SigV4Errors.expiredToken(service));
        assertThat(SigV4Errors.unknownAccessKey(service).getMessage()).isEqualTo(service == AwsService.EC2
                ? "AWS was not able to validate the provided access credentials"
                : "The security token included in the request is invalid.");
    }
}
