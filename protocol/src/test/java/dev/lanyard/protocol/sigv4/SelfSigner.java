package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.WireRequest;

/**
 * Signs with our own canonicalization, for requests the SDK will not produce (host unsigned, a Date header, a declared
 * payload hash). Only used where the check under test comes before the signature comparison, so a correct signature
 * is what makes the test able to fail.
 */
final class SelfSigner
{
    private SelfSigner() {}

    static WireRequest sign(WireRequest unsigned, String credential, String signedHeaders, String secret)
    {
        String placeholder = "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=" + signedHeaders + ", Signature=" + "0".repeat(64);
        WireRequest withPlaceholder = WireRequests.withHeader(unsigned, "authorization", placeholder);
        SignedRequest parsed = SigV4Parser.parse(withPlaceholder);
        String payloadHash = unsigned.header("x-amz-content-sha256").orElseGet(() -> Hashing.sha256Hex(unsigned.body()));
        String stringToSign = SigV4Verifier.stringToSign(parsed, SigV4Verifier.canonicalRequest(parsed, withPlaceholder, payloadHash));
        String signature = Hashing.hex(Hashing.hmacSha256(SigningKeyCache.derive(secret, parsed.scope()), stringToSign));
        return WireRequests.withHeader(unsigned, "authorization", placeholder.replace("0".repeat(64), signature));
    }
}
