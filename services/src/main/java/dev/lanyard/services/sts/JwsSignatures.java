package dev.lanyard.services.sts;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * JWS signature verification for the two algorithms AWS's OIDC federation accepts from common issuers: RS256 and ES256.
 * The key's type must match the algorithm the token names, so a token cannot choose how its own signature is read.
 */
final class JwsSignatures
{
    // ES256 signatures are the raw R||S pair (RFC 7518, 3.4), each 32 bytes for P-256.
    private static final int ES256_SIGNATURE_LENGTH = 64;
    // An RSA key shorter than 2048 bits is refused, as RFC 7518 3.3 requires.
    private static final int MINIMUM_RSA_BITS = 2048;

    private JwsSignatures() {}

    static boolean isSupported(String algorithm)
    {
        return algorithm.equals("RS256") || algorithm.equals("ES256");
    }

    static boolean verify(String algorithm, PublicKey key, byte[] signingInput, byte[] signature)
    {
        try {
            Signature verifier;
            switch (algorithm) {
                case "RS256" -> {
                    if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < MINIMUM_RSA_BITS) {
                        return false;
                    }
                    verifier = Signature.getInstance("SHA256withRSA");
                }
                case "ES256" -> {
                    if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256 || signature.length != ES256_SIGNATURE_LENGTH) {
                        return false;
                    }
                    // The P1363 variant reads the JWS form (R||S) directly: no conversion to DER by hand.
                    verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
                }
                default -> {
                    return false;
                }
            }
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        }
        catch (GeneralSecurityException e) {
            return false;
        }
    }
}
