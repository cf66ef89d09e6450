package dev.lanyard.services.sts;

/** Where the signing keys of an OpenID Connect issuer come from (its JWKS over HTTP in the server; fixed sets in tests). */
interface IssuerKeys
{
    /**
     * The issuer's current keys. {@code refresh} asks for a fresh copy when a token names a key the cached set lacks
     * (the issuer may have rotated its keys); an implementation may still answer from its cache if it fetched recently.
     *
     * @throws dev.lanyard.protocol.AwsErrorException InvalidIdentityToken when the keys cannot be retrieved
     */
    JsonWebKeys keys(String issuer, boolean refresh);
}
