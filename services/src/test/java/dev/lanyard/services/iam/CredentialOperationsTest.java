package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeleteServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DuplicateCertificateException;
import software.amazon.awssdk.services.iam.model.DuplicateSshPublicKeyException;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.GetSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.InvalidPublicKeyException;
import software.amazon.awssdk.services.iam.model.KeyPairMismatchException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListServerCertificateTagsRequest;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysRequest;
import software.amazon.awssdk.services.iam.model.MalformedCertificateException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ResetServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.ServiceNotSupportedException;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredential;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UnrecognizedPublicKeyEncodingException;
import software.amazon.awssdk.services.iam.model.UntagServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UploadServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.lanyard.services.iam.UserTestSupport.assertIamError;
import static dev.lanyard.services.iam.UserTestSupport.resource;
import static org.assertj.core.api.Assertions.assertThat;

class CredentialOperationsTest
{
    private static final String CERTIFICATE = resource("user-test-rsa.pem");
    private static final String PRIVATE_KEY = resource("user-test-rsa.key");
    private static final String PRIVATE_KEY_PKCS1 = resource("user-test-rsa-pkcs1.key");
    private static final String OTHER_CERTIFICATE = resource("user-test-rsa2.pem");
    private static final String THIRD_CERTIFICATE = resource("user-test-rsa3.pem");
    private static final String SSH_KEY = resource("user-test-ssh1.pub");
    private static final String OTHER_SSH_KEY = resource("user-test-ssh2.pub");

    @TempDir
    Path directory;

    private UserTestSupport support;
    private CredentialOperations credentials;
    private UserOperations users;
    private CallContext root;

    @BeforeEach
    void setUp()
    {
        support = new UserTestSupport(directory);
        credentials = new CredentialOperations(support.context);
        users = new UserOperations(support.context);
        root = support.rootCall();
        users.createUser(root, CreateUserRequest.builder().userName("alice").build());
    }

    @AfterEach
    void tearDown()
    {
        support.close();
    }

    @Test
    void signingCertificates()
    {
        var certificate = credentials.uploadSigningCertificate(root, UploadSigningCertificateRequest.builder().userName("alice").certificateBody(CERTIFICATE).build()).certificate();
        assertThat(certificate.certificateId()).matches("[A-Z2-7]{32}");
        assertThat(certificate.status()).isEqualTo(StatusType.ACTIVE);
        assertThat(certificate.certificateBody()).isEqualTo(CERTIFICATE);

        assertIamError(() -> credentials.uploadSigningCertificate(root, UploadSigningCertificateRequest.builder().userName("alice").certificateBody("not a certificate").build()),
                MalformedCertificateException.class, "Unable to parse certificate. Please ensure the certificate is in PEM format.");
        assertIamError(() -> credentials.uploadSigningCertificate(root, UploadSigningCertificateRequest.builder().userName("alice").certificateBody(CERTIFICATE).build()),
                DuplicateCertificateException.class, "The request was rejected because the same certificate is associated with an IAM user in the account.");
        credentials.uploadSigningCertificate(root, UploadSigningCertificateRequest.builder().userName("alice").certificateBody(OTHER_CERTIFICATE).build());
        assertIamError(() -> credentials.uploadSigningCertificate(root, UploadSigningCertificateRequest.builder().userName("alice").certificateBody(THIRD_CERTIFICATE).build()),
                LimitExceededException.class, "Cannot exceed quota for CertificatesPerUser: 2");
        assertIamError(() -> users.deleteUser(root, DeleteUserRequest.builder().userName("alice").build()),
                DeleteConflictException.class, "Cannot delete entity, must delete certificates first.");

        credentials.updateSigningCertificate(root, UpdateSigningCertificateRequest.builder().userName("alice").certificateId(certificate.certificateId()).status(StatusType.INACTIVE).build());
        var listed = credentials.listSigningCertificates(root, ListSigningCertificatesRequest.builder().userName("alice").build()).certificates();
        assertThat(listed).hasSize(2);
        assertThat(listed).filteredOn(found -> found.certificateId().equals(certificate.certificateId())).singleElement()
                .satisfies(found -> assertThat(found.status()).isEqualTo(StatusType.INACTIVE));

        assertIamError(() -> credentials.deleteSigningCertificate(root, DeleteSigningCertificateRequest.builder().userName("alice").certificateId("NOSUCHCERTIFICATEID0000000000000").build()),
                NoSuchEntityException.class, "The Certificate with id NOSUCHCERTIFICATEID0000000000000 cannot be found.");
        for (var found : listed) {
            credentials.deleteSigningCertificate(root, DeleteSigningCertificateRequest.builder().userName("alice").certificateId(found.certificateId()).build());
        }
        assertThat(credentials.listSigningCertificates(root, ListSigningCertificatesRequest.builder().userName("alice").build()).certificates()).isEmpty();
        users.deleteUser(root, DeleteUserRequest.builder().userName("alice").build());
    }

    @Test
    void sshPublicKeys()
    {
        var key = credentials.uploadSshPublicKey(root, UploadSshPublicKeyRequest.builder().userName("alice").sshPublicKeyBody(SSH_KEY).build()).sshPublicKey();
        assertThat(key.sshPublicKeyId()).matches("APKA[A-Z2-7]{17}");
        // ssh-keygen -l -E md5 -f user-test-ssh1.pub
        assertThat(key.fingerprint()).isEqualTo("c0:a8:f4:6c:56:04:8b:f8:af:7a:7e:f9:88:be:69:14");
        assertIamError(() -> credentials.uploadSshPublicKey(root, UploadSshPublicKeyRequest.builder().userName("alice").sshPublicKeyBody(SSH_KEY).build()),
                DuplicateSshPublicKeyException.class, "The SSH public key is already associated with the specified IAM user.");
        assertIamError(() -> credentials.uploadSshPublicKey(root, UploadSshPublicKeyRequest.builder().userName("alice").sshPublicKeyBody("ssh-ed25519 AAAA").build()),
                UnrecognizedPublicKeyEncodingException.class, "The public key encoding format is unsupported or unrecognized.");
        assertIamError(() -> credentials.uploadSshPublicKey(root, UploadSshPublicKeyRequest.builder().userName("alice").sshPublicKeyBody("ssh-rsa AAAAnotbase64!!").build()),
                InvalidPublicKeyException.class, "The public key is malformed or otherwise invalid.");

        String pem = credentials.getSshPublicKey(root, GetSshPublicKeyRequest.builder().userName("alice").sshPublicKeyId(key.sshPublicKeyId()).encoding(EncodingType.PEM).build())
                .sshPublicKey().sshPublicKeyBody();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(credentials.getSshPublicKey(root, GetSshPublicKeyRequest.builder().userName("alice").sshPublicKeyId(key.sshPublicKeyId()).encoding(EncodingType.SSH).build())
                .sshPublicKey().sshPublicKeyBody()).isEqualTo(SSH_KEY);
        // The same key in PEM is a duplicate; another key in PEM is accepted with the fingerprint of its OpenSSH form.
        assertIamError(() -> credentials.uploadSshPublicKey(root, UploadSshPublicKeyRequest.builder().userName("alice").sshPublicKeyBody(pem).build()),
                DuplicateSshPublicKeyException.class, "The SSH public key is already associated with the specified IAM user.");
        credentials.uploadSshPublicKey(root, UploadSshPublicKeyRequest.builder().userName("alice").sshPublicKeyBody(OTHER_SSH_KEY).build());

        credentials.updateSshPublicKey(root, UpdateSshPublicKeyRequest.builder().userName("alice").sshPublicKeyId(key.sshPublicKeyId()).status(StatusType.INACTIVE).build());
        assertThat(credentials.listSshPublicKeys(root, ListSshPublicKeysRequest.builder().userName("alice").build()).sshPublicKeys()).hasSize(2)
                .filteredOn(found -> found.sshPublicKeyId().equals(key.sshPublicKeyId())).singleElement()
                .satisfies(found -> assertThat(found.status()).isEqualTo(StatusType.INACTIVE));
        assertIamError(() -> users.deleteUser(root, DeleteUserRequest.builder().userName("alice").build()),
                DeleteConflictException.class, "Cannot delete entity, must remove referenced objects first.");
        assertIamError(() -> credentials.getSshPublicKey(root, GetSshPublicKeyRequest.builder().userName("alice").sshPublicKeyId("APKANOSUCHKEY00000000").encoding(EncodingType.SSH).build()),
                NoSuchEntityException.class, "The Public Key with id APKANOSUCHKEY00000000 cannot be found.");
        credentials.deleteSshPublicKey(root, DeleteSshPublicKeyRequest.builder().userName("alice").sshPublicKeyId(key.sshPublicKeyId()).build());
        assertThat(credentials.listSshPublicKeys(root, ListSshPublicKeysRequest.builder().userName("alice").build()).sshPublicKeys()).hasSize(1);
    }

    @Test
    void serverCertificates()
    {
        CredentialServerCertificates certificates = new CredentialServerCertificates(support.context);
        var metadata = certificates.uploadServerCertificate(root, UploadServerCertificateRequest.builder()
                .serverCertificateName("web").path("/cloudfront/").certificateBody(CERTIFICATE).privateKey(PRIVATE_KEY).build()).serverCertificateMetadata();
        assertThat(metadata.serverCertificateId()).matches("ASCA[A-Z2-7]{17}");
        assertThat(metadata.arn()).isEqualTo("arn:aws:iam::123456789012:server-certificate/cloudfront/web");
        assertThat(metadata.expiration()).isAfter(metadata.uploadDate());

        assertIamError(() -> certificates.uploadServerCertificate(root, UploadServerCertificateRequest.builder().serverCertificateName("WEB").certificateBody(CERTIFICATE).privateKey(PRIVATE_KEY_PKCS1).build()),
                EntityAlreadyExistsException.class, "The Server Certificate with name WEB already exists.");
        assertIamError(() -> certificates.uploadServerCertificate(root, UploadServerCertificateRequest.builder().serverCertificateName("other").certificateBody(OTHER_CERTIFICATE).privateKey(PRIVATE_KEY).build()),
                KeyPairMismatchException.class, "The public key certificate and the private key do not match.");
        assertIamError(() -> certificates.uploadServerCertificate(root, UploadServerCertificateRequest.builder().serverCertificateName("other").certificateBody("garbage").privateKey(PRIVATE_KEY).build()),
                MalformedCertificateException.class, "Unable to parse certificate.");
        assertIamError(() -> certificates.uploadServerCertificate(root, UploadServerCertificateRequest.builder().serverCertificateName("other").certificateBody(CERTIFICATE).privateKey("garbage").build()),
                MalformedCertificateException.class, "Unable to parse private key.");
        // PKCS#1 keys are accepted too.
        certificates.uploadServerCertificate(root, UploadServerCertificateRequest.builder().serverCertificateName("pkcs1").certificateBody(CERTIFICATE).privateKey(PRIVATE_KEY_PKCS1).build());

        var fetched = certificates.getServerCertificate(root, GetServerCertificateRequest.builder().serverCertificateName("web").build()).serverCertificate();
        assertThat(fetched.certificateBody()).isEqualTo(CERTIFICATE);
        // The private key is stored encrypted apart from the body and never returned.
        String body = support.store.read(transaction -> transaction.entityById(UserTestSupport.ACCOUNT_ID, EntityKinds.SERVER_CERTIFICATE, metadata.serverCertificateId())).orElseThrow().body();
        assertThat(body).doesNotContain("PRIVATE KEY");
        assertThat(support.store.<java.util.Optional<byte[]>>read(transaction -> transaction.secret(UserTestSupport.ACCOUNT_ID, metadata.serverCertificateId(), CredentialServerCertificates.PRIVATE_KEY)))
                .hasValueSatisfying(secret -> assertThat(new String(secret, StandardCharsets.UTF_8)).isEqualTo(PRIVATE_KEY));

        certificates.tagServerCertificate(root, TagServerCertificateRequest.builder().serverCertificateName("web").tags(Tag.builder().key("env").value("prod").build()).build());
        assertThat(certificates.listServerCertificateTags(root, ListServerCertificateTagsRequest.builder().serverCertificateName("web").build()).tags()).hasSize(1);
        certificates.untagServerCertificate(root, UntagServerCertificateRequest.builder().serverCertificateName("web").tagKeys("env").build());
        assertThat(certificates.listServerCertificateTags(root, ListServerCertificateTagsRequest.builder().serverCertificateName("web").build()).tags()).isEmpty();

        certificates.updateServerCertificate(root, UpdateServerCertificateRequest.builder().serverCertificateName("web").newServerCertificateName("www").newPath("/").build());
        assertThat(certificates.listServerCertificates(root, ListServerCertificatesRequest.builder().build()).serverCertificateMetadataList())
                .extracting(found -> found.serverCertificateName() + "@" + found.path()).containsExactly("pkcs1@/", "www@/");
        assertIamError(() -> certificates.updateServerCertificate(root, UpdateServerCertificateRequest.builder().serverCertificateName("www").newServerCertificateName("PKCS1").build()),
                EntityAlreadyExistsException.class, "The Server Certificate with name PKCS1 already exists.");

        certificates.deleteServerCertificate(root, DeleteServerCertificateRequest.builder().serverCertificateName("www").build());
        assertIamError(() -> certificates.getServerCertificate(root, GetServerCertificateRequest.builder().serverCertificateName("www").build()),
                NoSuchEntityException.class, "The Server Certificate with name www cannot be found.");
        assertThat(support.store.<java.util.Optional<byte[]>>read(transaction -> transaction.secret(UserTestSupport.ACCOUNT_ID, metadata.serverCertificateId(), CredentialServerCertificates.PRIVATE_KEY))).isEmpty();
    }

    @Test
    void serverCertificateQuota()
    {
        CredentialServerCertificates certificates = new CredentialServerCertificates(support.context);
        for (int index = 0; index < CredentialServerCertificates.SERVER_CERTIFICATES_QUOTA; index++) {
            certificates.uploadServerCertificate(root, UploadServerCertificateRequest.builder().serverCertificateName("c" + index).certificateBody(CERTIFICATE).privateKey(PRIVATE_KEY).build());
        }
        assertIamError(() -> certificates.uploadServerCertificate(root, UploadServerCertificateRequest.builder().serverCertificateName("last").certificateBody(CERTIFICATE).privateKey(PRIVATE_KEY).build()),
                LimitExceededException.class, "Cannot exceed quota for ServerCertificatesPerAccount: 20");
    }

    @Test
    void serviceSpecificCredentials()
    {
        ServiceSpecificCredential created = credentials.createServiceSpecificCredential(root, CreateServiceSpecificCredentialRequest.builder()
                .userName("alice").serviceName("codecommit.amazonaws.com").build()).serviceSpecificCredential();
        assertThat(created.serviceSpecificCredentialId()).matches("ACCA[A-Z2-7]{17}");
        assertThat(created.serviceUserName()).isEqualTo("alice-at-123456789012");
        assertThat(created.servicePassword()).hasSize(40);
        assertThat(created.status()).isEqualTo(StatusType.ACTIVE);
        String stored = support.store.read(transaction -> transaction.entityById(UserTestSupport.ACCOUNT_ID, EntityKinds.SERVICE_SPECIFIC_CREDENTIAL, created.serviceSpecificCredentialId())).orElseThrow().body();
        assertThat(stored).doesNotContain(created.servicePassword());

        assertIamError(() -> credentials.createServiceSpecificCredential(root, CreateServiceSpecificCredentialRequest.builder().userName("alice").serviceName("s3.amazonaws.com").build()),
                ServiceNotSupportedException.class, "The specified service is not supported: s3.amazonaws.com.");
        credentials.createServiceSpecificCredential(root, CreateServiceSpecificCredentialRequest.builder().userName("alice").serviceName("codecommit.amazonaws.com").build());
        assertIamError(() -> credentials.createServiceSpecificCredential(root, CreateServiceSpecificCredentialRequest.builder().userName("alice").serviceName("codecommit.amazonaws.com").build()),
                LimitExceededException.class, "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2");
        credentials.createServiceSpecificCredential(root, CreateServiceSpecificCredentialRequest.builder().userName("alice").serviceName("cassandra.amazonaws.com").build());

        var reset = credentials.resetServiceSpecificCredential(root, ResetServiceSpecificCredentialRequest.builder().userName("alice").serviceSpecificCredentialId(created.serviceSpecificCredentialId()).build())
                .serviceSpecificCredential();
        assertThat(reset.servicePassword()).isNotEqualTo(created.servicePassword());
        credentials.updateServiceSpecificCredential(root, UpdateServiceSpecificCredentialRequest.builder().userName("alice").serviceSpecificCredentialId(created.serviceSpecificCredentialId()).status(StatusType.INACTIVE).build());
        var codecommit = credentials.listServiceSpecificCredentials(root, ListServiceSpecificCredentialsRequest.builder().userName("alice").serviceName("codecommit.amazonaws.com").build()).serviceSpecificCredentials();
        assertThat(codecommit).hasSize(2);
        assertThat(codecommit).filteredOn(found -> found.serviceSpecificCredentialId().equals(created.serviceSpecificCredentialId())).singleElement()
                .satisfies(found -> assertThat(found.status()).isEqualTo(StatusType.INACTIVE));
        assertThat(credentials.listServiceSpecificCredentials(root, ListServiceSpecificCredentialsRequest.builder().userName("alice").build()).serviceSpecificCredentials()).hasSize(3);

        assertIamError(() -> users.deleteUser(root, DeleteUserRequest.builder().userName("alice").build()),
                DeleteConflictException.class, "Cannot delete entity, must remove referenced objects first.");
        assertIamError(() -> credentials.deleteServiceSpecificCredential(root, DeleteServiceSpecificCredentialRequest.builder().userName("alice").serviceSpecificCredentialId("ACCANOSUCHCREDENTIAL0").build()),
                NoSuchEntityException.class, "No such credential ACCANOSUCHCREDENTIAL0 exists for user alice.");
        credentials.deleteServiceSpecificCredential(root, DeleteServiceSpecificCredentialRequest.builder().userName("alice").serviceSpecificCredentialId(created.serviceSpecificCredentialId()).build());
        assertThat(support.store.<java.util.Optional<byte[]>>read(transaction -> transaction.secret(UserTestSupport.ACCOUNT_ID, created.serviceSpecificCredentialId(), CredentialOperations.SERVICE_PASSWORD))).isEmpty();
    }
}
