package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AWS's published examples, values as documented: the IAM ListUsers request of the SigV4 guide and "get-vanilla"
 * of the SigV4 test suite. They pin each step (canonical request, string to sign, signing key, signature).
 */
class SigV4DocumentedExamplesTest
{
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    private static WireRequest listUsers(String signature)
    {
        return new WireRequest("GET", "/", "Action=ListUsers&Version=2010-05-08", Map.of(
                "Host", List.of("iam.amazonaws.com"),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=" + signature)),
                new byte[0], "127.0.0.1", true);
    }

    @Test
    void listUsersParsesIntoItsParts()
    {
        SignedRequest signed = SigV4Parser.parse(listUsers(SIGNATURE));
        assertThat(signed.location()).isEqualTo(SignedRequest.Location.AUTHORIZATION_HEADER);
        assertThat(signed.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(signed.scope()).isEqualTo(new CredentialScope("20150830", "us-east-1", "iam"));
        assertThat(signed.signedHeaderNames()).containsExactly("content-type", "host", "x-amz-date");
        assertThat(signed.signature()).isEqualTo(SIGNATURE);
        assertThat(signed.requestTime()).isEqualTo(TIME);
        assertThat(signed.dateHeader()).contains("x-amz-date");
        assertThat(signed.securityToken()).isEmpty();
        assertThat(signed.presignedExpiry()).isEmpty();
    }

    @Test
    void listUsersStepByStep()
    {
        WireRequest request = listUsers(SIGNATURE);
        SignedRequest signed = SigV4Parser.parse(request);
        String canonicalRequest = SigV4Verifier.canonicalRequest(signed, request, Hashing.sha256Hex(new byte[0]));
        assertThat(canonicalRequest).isEqualTo("""
                GET
                /
                Action=ListUsers&Version=2010-05-08
                content-type:application/x-www-form-urlencoded; charset=utf-8
                host:iam.amazonaws.com
                x-amz-date:20150830T123600Z

                content-type;host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(Hashing.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8))).isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        assertThat(SigV4Verifier.stringToSign(signed, canonicalRequest)).isEqualTo("""
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/iam/aws4_request
                f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59""");
        assertThat(Hashing.hex(SigningKeyCache.derive(SECRET, signed.scope()).getEncoded())).isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void listUsersVerifies()
    {
        WireRequest request = listUsers(SIGNATURE);
        new SigV4Verifier(Clock.fixed(TIME, ZoneOffset.UTC)).verify(SigV4Parser.parse(request), request, SECRET, AwsService.IAM);
    }

    @Test
    void listUsersWithOneSignatureDigitChangedDoesNotVerify()
    {
        WireRequest request = listUsers(SIGNATURE.substring(0, 63) + "8");
        assertThatThrownBy(() -> new SigV4Verifier(Clock.fixed(TIME, ZoneOffset.UTC)).verify(SigV4Parser.parse(request), request, SECRET, AwsService.IAM))
                .hasMessage(SigV4Errors.SIGNATURE_DOES_NOT_MATCH_MESSAGE);
    }

    @Test
    void listUsersSignatureIsAcceptedInUpperCaseHex()
    {
        WireRequest request = listUsers(SIGNATURE.toUpperCase(java.util.Locale.ROOT));
        new SigV4Verifier(Clock.fixed(TIME, ZoneOffset.UTC)).verify(SigV4Parser.parse(request), request, SECRET, AwsService.IAM);
    }

    /** The suite's service is "service", not one of ours, so this checks the steps rather than {@code verify}. */
    @Test
    void testSuiteGetVanilla()
    {
        WireRequest request = new WireRequest("GET", "/", "", Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")),
                new byte[0], "127.0.0.1", true);
        SignedRequest signed = SigV4Parser.parse(request);
        String stringToSign = SigV4Verifier.stringToSign(signed, SigV4Verifier.canonicalRequest(signed, request, Hashing.sha256Hex(new byte[0])));
        assertThat(Hashing.hex(Hashing.hmacSha256(SigningKeyCache.derive(SECRET, signed.scope()), stringToSign))).isEqualTo(signed.signature());
    }
}
