package dev.lanyard.services.iam;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The stored bodies of SSH public keys, service-specific credentials and server certificates. Instants are ISO-8601. */
final class CredentialBodies
{
    private CredentialBodies() {}

    /** Kind "ssh-public-key", id and name the key id (APKA...). */
    record SshPublicKey(String userId, String body, String fingerprint, String status, String uploadDate)
    {
        SshPublicKey
        {
            requireNonNull(userId, "userId is null");
            requireNonNull(body, "body is null");
            requireNonNull(fingerprint, "fingerprint is null");
            requireNonNull(status, "status is null");
            requireNonNull(uploadDate, "uploadDate is null");
        }

        SshPublicKey withStatus(String status)
        {
            return new SshPublicKey(userId, body, fingerprint, status, uploadDate);
        }
    }

    /** Kind "service-specific-credential", id and name the credential id (ACCA...); the password is a secret. */
    record ServiceSpecificCredential(String userId, String serviceName, String serviceUserName, String status, String createDate)
    {
        ServiceSpecificCredential
        {
            requireNonNull(userId, "userId is null");
            requireNonNull(serviceName, "serviceName is null");
            requireNonNull(serviceUserName, "serviceUserName is null");
            requireNonNull(status, "status is null");
            requireNonNull(createDate, "createDate is null");
        }

        ServiceSpecificCredential withStatus(String status)
        {
            return new ServiceSpecificCredential(userId, serviceName, serviceUserName, status, createDate);
        }
    }

    /** Kind "server-certificate", id ASCA..., named by its name; the private key is a secret, never returned. */
    record ServerCertificate(String certificateBody, String certificateChain, String uploadDate, String expiration, List<StoredTag> tags)
    {
        ServerCertificate
        {
            requireNonNull(certificateBody, "certificateBody is null");
            requireNonNull(uploadDate, "uploadDate is null");
            requireNonNull(expiration, "expiration is null");
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        ServerCertificate withTags(List<StoredTag> tags)
        {
            return new ServerCertificate(certificateBody, certificateChain, uploadDate, expiration, tags);
        }
    }
}
