package dev.lanyard.services.iam;

import static java.util.Objects.requireNonNull;

/**
 * A user's X.509 signing certificate (kind "signing-certificate"; id the certificate id; name the SHA-256 of its DER,
 * so the store's per-account name index refuses the same certificate twice).
 *
 * @param status "Active" or "Inactive"
 * @param uploadDate ISO-8601
 */
public record CredentialSigningCertificateBody(String userId, String certificateBody, String status, String uploadDate)
{
    public CredentialSigningCertificateBody
    {
        requireNonNull(userId, "userId is null");
        requireNonNull(certificateBody, "certificateBody is null");
        requireNonNull(status, "status is null");
        requireNonNull(uploadDate, "uploadDate is null");
    }

    public CredentialSigningCertificateBody withStatus(String status)
    {
        return new CredentialSigningCertificateBody(userId, certificateBody, status, uploadDate);
    }
}
