package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4ParserTest
{
    private static final String SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private static final String GOOD = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=" + SIGNATURE;

    private static WireRequest withAuthorization(String authorization)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("iam.amazonaws.com"));
        headers.put("X-Amz-Date", List.of("20150830T123600Z"));
        headers.put("Authorization", List.of(authorization));
        return new WireRequest("GET", "/", "Action=ListUsers&Version=2010-05-08", headers, new byte[0], "127.0.0.1", true);
    }

    private static String incompleteMessage(WireRequest request)
    {
        SigV4Exception[] caught = new SigV4Exception[1];
        assertThatThrownBy(() -> SigV4Parser.parse(request))
                .isInstanceOfSatisfying(SigV4Exception.class, failure -> caught[0] = failure);
        assertThat(caught[0].failure()).isEqualTo(SigV4Failure.INCOMPLETE_SIGNATURE);
        return caught[0].getMessage();
    }

    @Test
    void toleratesSpacingAndOrderOfTheParts()
    {
        SignedRequest signed = SigV4Parser.parse(withAuthorization("AWS4-HMAC-SHA256   Signature=" + SIGNATURE + " ,SignedHeaders=host;x-amz-date,Credential=AKID/20150830/eu-west-1/sts/aws4_request"));
        assertThat(signed.accessKeyId()).isEqualTo("AKID");
        assertThat(signed.scope()).isEqualTo(new CredentialScope("20150830", "eu-west-1", "sts"));
        assertThat(signed.signedHeaders()).isEqualTo("host;x-amz-date");
        assertThat(signed.signature()).isEqualTo(SIGNATURE);
    }

    @Test
    void missingParts()
    {
        assertThat(incompleteMessage(withAuthorization("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request")))
                .isEqualTo("Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request");
        assertThat(incompleteMessage(withAuthorization("Bearer abc.def")))
                .isEqualTo("Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. Authorization=Bearer abc.def");
    }

    @Test
    void missingDate()
    {
        WireRequest request = WireRequests.withoutHeader(withAuthorization(GOOD), "x-amz-date");
        assertThat(incompleteMessage(request)).isEqualTo("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + GOOD);
    }

    @Test
    void malformedDate()
    {
        WireRequest request = WireRequests.withHeader(withAuthorization(GOOD), "x-amz-date", "2015-08-30T12:36:00Z");
        assertThat(incompleteMessage(request)).isEqualTo("Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See http://en.wikipedia.org/wiki/ISO_8601");
        assertThat(incompleteMessage(WireRequests.withHeader(withAuthorization(GOOD), "x-amz-date", "20150231T123600Z"))).startsWith("Date must be in ISO-8601");
    }

    @Test
    void partWithoutEqualSign()
    {
        // A space inside the access key id (a pasted key with a trailing blank) splits the Credential part.
        String header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE /20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;
        assertThat(incompleteMessage(withAuthorization(header.replace("AKIDEXAMPLE /", "AKIDEXAMPLE, /"))))
                .isEqualTo("'/20150830/us-east-1/iam/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                        + header.replace("AKIDEXAMPLE /", "AKIDEXAMPLE, /") + "'.");
    }

    @Test
    void unsupportedAlgorithm()
    {
        assertThat(incompleteMessage(withAuthorization(GOOD.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"))))
                .isEqualTo("Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256'.");
    }

    @Test
    void malformedCredential()
    {
        assertThat(incompleteMessage(withAuthorization(GOOD.replace("/us-east-1/iam/", "/iam/"))))
                .isEqualTo("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/iam/aws4_request'");
        assertThat(incompleteMessage(withAuthorization(GOOD.replace("/iam/", "/iam/x/"))))
                .startsWith("Credential must have exactly 5 slash-delimited elements");
        assertThat(incompleteMessage(withAuthorization(GOOD.replace("aws4_request", "aws3_request"))))
                .isEqualTo("Credential should be scoped with a valid terminator: 'aws4_request', not 'aws3_request'.");
        assertThat(incompleteMessage(withAuthorization(GOOD.replace("20150830/", "2015083/"))))
                .isEqualTo("Credential should be scoped to a valid date, not '2015083'.");
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void malformedAuthorizationIsTheServicesIncompleteSignature(AwsService service)
    {
        ExpectedErrors.incomplete(service).assertThrownBy(() -> SigV4Parser.parse(withAuthorization("AWS4-HMAC-SHA256 Credential=x"), service));
    }

    @Test
    void bothFormsAtOnce()
    {
        WireRequest request = WireRequests.withRawQuery(withAuthorization(GOOD), "Action=ListUsers&X-Amz-Algorithm=AWS4-HMAC-SHA256");
        assertThat(incompleteMessage(request)).startsWith("Only one auth mechanism allowed");
    }

    @Test
    void presignedMissingParameters()
    {
        WireRequest request = SdkSigner.standard().presign("iam", "GET", "https://iam.amazonaws.com/?Action=ListUsers", Map.of(), new byte[0], Duration.ofMinutes(1));
        assertThat(SigV4Parser.isSigned(request)).isTrue();
        for (String name : List.of("X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders")) {
            String query = removeParameter(request.rawQuery(), name);
            assertThat(query).isNotEqualTo(request.rawQuery());
            assertThat(incompleteMessage(WireRequests.withRawQuery(request, query))).startsWith("AWS query-string parameters must include");
        }
        assertThat(incompleteMessage(WireRequests.withRawQuery(request, request.rawQuery().replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"))))
                .isEqualTo("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        assertThat(incompleteMessage(WireRequests.withRawQuery(request, request.rawQuery().replace("X-Amz-Expires=60", "X-Amz-Expires=soon"))))
                .isEqualTo("X-Amz-Expires should be a number");
    }

    @Test
    void unsignedRequestIsMissingAuthentication()
    {
        WireRequest request = WireRequests.withoutHeader(withAuthorization(GOOD), "authorization");
        assertThat(SigV4Parser.isSigned(request)).isFalse();
        assertThatThrownBy(() -> SigV4Parser.parse(request))
                .isInstanceOfSatisfying(SigV4Exception.class, failure -> assertThat(failure.failure()).isEqualTo(SigV4Failure.MISSING_AUTHENTICATION));
    }

    private static String removeParameter(String rawQuery, String name)
    {
        StringBuilder kept = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            if (!pair.startsWith(name + "=")) {
                kept.append(kept.isEmpty() ? "" : "&").append(pair);
            }
        }
        return kept.toString();
    }
}
