package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.StoreException;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.DuplicateCertificateException;
import software.amazon.awssdk.services.iam.model.DuplicateSshPublicKeyException;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.GetSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.GetSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsRequest;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysRequest;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ResetServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.ResetServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.ServiceNotSupportedException;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredential;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.iam.model.SSHPublicKey;
import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyResponse;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** IAM: signing certificates, SSH public keys, server certificates, service-specific credentials. */
public final class CredentialOperations
{
    public static final int SIGNING_CERTIFICATES_PER_USER = 2;
    public static final int SSH_PUBLIC_KEYS_PER_USER = 5;
    public static final int SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE = 2;
    /** The services that take service-specific credentials (CodeCommit, Keyspaces, Bedrock API keys). */
    static final Set<String> SERVICE_SPECIFIC_SERVICES = Set.of("codecommit.amazonaws.com", "cassandra.amazonaws.com", "bedrock.amazonaws.com");
    static final String SERVICE_PASSWORD = "service-specific-credential-password";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IamContext context;

    public CredentialOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(UploadSigningCertificateRequest.class, this::uploadSigningCertificate);
        registry.register(ListSigningCertificatesRequest.class, this::listSigningCertificates);
        registry.register(UpdateSigningCertificateRequest.class, this::updateSigningCertificate);
        registry.register(DeleteSigningCertificateRequest.class, this::deleteSigningCertificate);
        registry.register(UploadSshPublicKeyRequest.class, this::uploadSshPublicKey);
        registry.register(GetSshPublicKeyRequest.class, this::getSshPublicKey);
        registry.register(ListSshPublicKeysRequest.class, this::listSshPublicKeys);
        registry.register(UpdateSshPublicKeyRequest.class, this::updateSshPublicKey);
        registry.register(DeleteSshPublicKeyRequest.class, this::deleteSshPublicKey);
        registry.register(CreateServiceSpecificCredentialRequest.class, this::createServiceSpecificCredential);
        registry.register(ListServiceSpecificCredentialsRequest.class, this::listServiceSpecificCredentials);
        registry.register(ResetServiceSpecificCredentialRequest.class, this::resetServiceSpecificCredential);
        registry.register(UpdateServiceSpecificCredentialRequest.class, this::updateServiceSpecificCredential);
        registry.register(DeleteServiceSpecificCredentialRequest.class, this::deleteServiceSpecificCredential);
        new CredentialServerCertificates(context).register(registry);
    }

    // ---- signing certificates

    public UploadSigningCertificateResponse uploadSigningCertificate(CallContext call, UploadSigningCertificateRequest request)
    {
        Caller caller = call.caller();
        X509Certificate certificate = CredentialPem.certificate(request.certificateBody());
        String fingerprint = CredentialPem.fingerprint(certificate);
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String certificateId = IamIds.random(32);
        Entity user = context.store().write(transaction -> {
            Entity owner = UserEntities.targetUser(transaction, caller, request.userName());
            if (transaction.linksFrom(caller.accountId(), UserEntities.SIGNING_CERTIFICATE_OF_USER, owner.id()).size() >= SIGNING_CERTIFICATES_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for CertificatesPerUser: " + SIGNING_CERTIFICATES_PER_USER);
            }
            CredentialSigningCertificateBody body = new CredentialSigningCertificateBody(owner.id(), request.certificateBody(), StatusType.ACTIVE.toString(), now.toString());
            try {
                transaction.insertEntity(Entity.create(caller.accountId(), EntityKinds.SIGNING_CERTIFICATE, certificateId, fingerprint, "/", EntityJson.write(body), now));
            }
            catch (StoreException.Conflict duplicate) {
                throw DuplicateCertificateException.builder().message("The request was rejected because the same certificate is associated with an IAM user in the account.").build();
            }
            transaction.insertLink(new Link(caller.accountId(), UserEntities.SIGNING_CERTIFICATE_OF_USER, owner.id(), certificateId));
            return owner;
        });
        return UploadSigningCertificateResponse.builder()
                .certificate(SigningCertificate.builder()
                        .userName(user.name())
                        .certificateId(certificateId)
                        .certificateBody(request.certificateBody())
                        .status(StatusType.ACTIVE)
                        .uploadDate(now)
                        .build())
                .build();
    }

    public ListSigningCertificatesResponse listSigningCertificates(CallContext call, ListSigningCertificatesRequest request)
    {
        Caller caller = call.caller();
        return context.store().read(transaction -> {
            Entity user = UserEntities.targetUser(transaction, caller, request.userName());
            List<SigningCertificate> certificates = new ArrayList<>();
            for (Entity entity : owned(transaction, caller.accountId(), UserEntities.SIGNING_CERTIFICATE_OF_USER, EntityKinds.SIGNING_CERTIFICATE, user.id())) {
                CredentialSigningCertificateBody body = EntityJson.read(entity.body(), CredentialSigningCertificateBody.class);
                certificates.add(SigningCertificate.builder()
                        .userName(user.name())
                        .certificateId(entity.id())
                        .certificateBody(body.certificateBody())
                        .status(body.status())
                        .uploadDate(Instant.parse(body.uploadDate()))
                        .build());
            }
            IamPaging.Page<SigningCertificate> page = WholeListPaging.pageByName(certificates, request.marker(), request.maxItems(), SigningCertificate::certificateId);
            return ListSigningCertificatesResponse.builder().certificates(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
        });
    }

    public UpdateSigningCertificateResponse updateSigningCertificate(CallContext call, UpdateSigningCertificateRequest request)
    {
        Caller caller = call.caller();
        context.store().write(transaction -> {
            Entity user = UserEntities.targetUser(transaction, caller, request.userName());
            Entity certificate = requireSigningCertificate(transaction, user, request.certificateId());
            CredentialSigningCertificateBody body = EntityJson.read(certificate.body(), CredentialSigningCertificateBody.class);
            transaction.updateEntity(certificate.withBody(EntityJson.write(body.withStatus(request.statusAsString()))));
            return null;
        });
        return UpdateSigningCertificateResponse.builder().build();
    }

    public DeleteSigningCertificateResponse deleteSigningCertificate(CallContext call, DeleteSigningCertificateRequest request)
    {
        Caller caller = call.caller();
        context.store().write(transaction -> {
            Entity user = UserEntities.targetUser(transaction, caller, request.userName());
            Entity certificate = requireSigningCertificate(transaction, user, request.certificateId());
            transaction.deleteLink(new Link(caller.accountId(), UserEntities.SIGNING_CERTIFICATE_OF_USER, user.id(), certificate.id()));
            transaction.deleteEntity(caller.accountId(), EntityKinds.SIGNING_CERTIFICATE, certificate.id());
            return null;
        });
        return DeleteSigningCertificateResponse.builder().build();
    }

    private static Entity requireSigningCertificate(ReadTransaction transaction, Entity user, String certificateId)
    {
        return transaction.entityById(user.accountId(), EntityKinds.SIGNING_CERTIFICATE, certificateId)
                .filter(entity -> EntityJson.read(entity.body(), CredentialSigningCertificateBody.class).userId().equals(user.id()))
                .orElseThrow(() -> IamErrors.noSuchEntity("The Certificate with id " + certificateId + " cannot be found."));
    }

    // ---- SSH public keys

    public UploadSshPublicKeyResponse uploadSshPublicKey(CallContext call, UploadSshPublicKeyRequest request)
    {
        Caller caller = call.caller();
        CredentialSshKeys.ParsedKey key = CredentialSshKeys.parse(request.sshPublicKeyBody());
        String fingerprint = CredentialSshKeys.fingerprint(key);
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String keyId = IamIds.newId(IamIds.SSH_PUBLIC_KEY);
        Entity user = context.store().write(transaction -> {
            Entity owner = UserEntities.requireUser(transaction, caller.accountId(), request.userName());
            List<Entity> existing = owned(transaction, caller.accountId(), UserEntities.SSH_PUBLIC_KEY_OF_USER, EntityKinds.SSH_PUBLIC_KEY, owner.id());
            for (Entity entity : existing) {
                if (EntityJson.read(entity.body(), CredentialBodies.SshPublicKey.class).fingerprint().equals(fingerprint)) {
                    throw DuplicateSshPublicKeyException.builder().message("The SSH public key is already associated with the specified IAM user.").build();
                }
            }
            if (existing.size() >= SSH_PUBLIC_KEYS_PER_USER) {
                throw IamErrors.limitExceeded("Cannot exceed quota for PublicKeysPerUser: " + SSH_PUBLIC_KEYS_PER_USER);
            }
            CredentialBodies.SshPublicKey body = new CredentialBodies.SshPublicKey(owner.id(), request.sshPublicKeyBody(), fingerprint, StatusType.ACTIVE.toString(), now.toString());
            transaction.insertEntity(Entity.create(caller.accountId(), EntityKinds.SSH_PUBLIC_KEY, keyId, keyId, "/", EntityJson.write(body), now));
            transaction.insertLink(new Link(caller.accountId(), UserEntities.SSH_PUBLIC_KEY_OF_USER, owner.id(), keyId));
            return owner;
        });
        return UploadSshPublicKeyResponse.builder()
                .sshPublicKey(SSHPublicKey.builder()
                        .userName(user.name())
                        .sshPublicKeyId(keyId)
                        .fingerprint(fingerprint)
                        .sshPublicKeyBody(request.sshPublicKeyBody())
                        .status(StatusType.ACTIVE)
                        .uploadDate(now)
                        .build())
                .build();
    }

    public GetSshPublicKeyResponse getSshPublicKey(CallContext call, GetSshPublicKeyRequest request)
    {
        Caller caller = call.caller();
        return context.store().read(transaction -> {
            Entity user = UserEntities.requireUser(transaction, caller.accountId(), request.userName());
            Entity entity = requireSshKey(transaction, user, request.sshPublicKeyId());
            CredentialBodies.SshPublicKey body = EntityJson.read(entity.body(), CredentialBodies.SshPublicKey.class);
            CredentialSshKeys.ParsedKey key = CredentialSshKeys.parse(body.body());
            String encoded = request.encoding() == EncodingType.PEM ? CredentialSshKeys.pem(key) : body.body().trim().startsWith("ssh-rsa") ? body.body() : CredentialSshKeys.openSsh(key);
            return GetSshPublicKeyResponse.builder()
                    .sshPublicKey(SSHPublicKey.builder()
                            .userName(user.name())
                            .sshPublicKeyId(entity.id())
                            .fingerprint(body.fingerprint())
                            .sshPublicKeyBody(encoded)
                            .status(body.status())
                            .uploadDate(Instant.parse(body.uploadDate()))
                            .build())
                    .build();
        });
    }

    public ListSshPublicKeysResponse listSshPublicKeys(CallContext call, ListSshPublicKeysRequest request)
    {
        Caller caller = call.caller();
        return context.store().read(transaction -> {
            Entity user = UserEntities.targetUser(transaction, caller, request.userName());
            List<SSHPublicKeyMetadata> keys = new ArrayList<>();
            for (Entity entity : owned(transaction, caller.accountId(), UserEntities.SSH_PUBLIC_KEY_OF_USER, EntityKinds.SSH_PUBLIC_KEY, user.id())) {
                CredentialBodies.SshPublicKey body = EntityJson.read(entity.body(), CredentialBodies.SshPublicKey.class);
                keys.add(SSHPublicKeyMetadata.builder()
                        .userName(user.name())
                        .sshPublicKeyId(entity.id())
                        .status(body.status())
                        .uploadDate(Instant.parse(body.uploadDate()))
                        .build());
            }
            IamPaging.Page<SSHPublicKeyMetadata> page = WholeListPaging.pageByName(keys, request.marker(), request.maxItems(), SSHPublicKeyMetadata::sshPublicKeyId);
            return ListSshPublicKeysResponse.builder().sshPublicKeys(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
        });
    }

    public UpdateSshPublicKeyResponse updateSshPublicKey(CallContext call, UpdateSshPublicKeyRequest request)
    {
        Caller caller = call.caller();
        context.store().write(transaction -> {
            Entity user = UserEntities.requireUser(transaction, caller.accountId(), request.userName());
            Entity entity = requireSshKey(transaction, user, request.sshPublicKeyId());
            CredentialBodies.SshPublicKey body = EntityJson.read(entity.body(), CredentialBodies.SshPublicKey.class);
            transaction.updateEntity(entity.withBody(EntityJson.write(body.withStatus(request.statusAsString()))));
            return null;
        });
        return UpdateSshPublicKeyResponse.builder().build();
    }

    public DeleteSshPublicKeyResponse deleteSshPublicKey(CallContext call, DeleteSshPublicKeyRequest request)
    {
        Caller caller = call.caller();
        context.store().write(transaction -> {
            Entity user = UserEntities.requireUser(transaction, caller.accountId(), request.userName());
            Entity entity = requireSshKey(transaction, user, request.sshPublicKeyId());
            transaction.deleteLink(new Link(caller.accountId(), UserEntities.SSH_PUBLIC_KEY_OF_USER, user.id(), entity.id()));
            transaction.deleteEntity(caller.accountId(), EntityKinds.SSH_PUBLIC_KEY, entity.id());
            return null;
        });
        return DeleteSshPublicKeyResponse.builder().build();
    }

    private static Entity requireSshKey(ReadTransaction transaction, Entity user, String keyId)
    {
        return transaction.entityById(user.accountId(), EntityKinds.SSH_PUBLIC_KEY, keyId)
                .filter(entity -> EntityJson.read(entity.body(), CredentialBodies.SshPublicKey.class).userId().equals(user.id()))
                .orElseThrow(() -> IamErrors.noSuchEntity("The Public Key with id " + keyId + " cannot be found."));
    }

    // ---- service-specific credentials

    public CreateServiceSpecificCredentialResponse createServiceSpecificCredential(CallContext call, CreateServiceSpecificCredentialRequest request)
    {
        Caller caller = call.caller();
        if (!SERVICE_SPECIFIC_SERVICES.contains(request.serviceName())) {
            throw ServiceNotSupportedException.builder().message("The specified service is not supported: " + request.serviceName() + ".").build();
        }
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String credentialId = IamIds.newId(IamIds.SERVICE_SPECIFIC_CREDENTIAL);
        String password = newPassword();
        Entity user = context.store().write(transaction -> {
            Entity owner = UserEntities.requireUser(transaction, caller.accountId(), request.userName());
            long sameService = owned(transaction, caller.accountId(), UserEntities.SERVICE_SPECIFIC_CREDENTIAL_OF_USER, EntityKinds.SERVICE_SPECIFIC_CREDENTIAL, owner.id()).stream()
                    .filter(entity -> EntityJson.read(entity.body(), CredentialBodies.ServiceSpecificCredential.class).serviceName().equals(request.serviceName()))
                    .count();
            if (sameService >= SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE) {
                throw IamErrors.limitExceeded("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: " + SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE);
            }
            CredentialBodies.ServiceSpecificCredential body = new CredentialBodies.ServiceSpecificCredential(
                    owner.id(), request.serviceName(), owner.name() + "-at-" + caller.accountId(), StatusType.ACTIVE.toString(), now.toString());
            transaction.insertEntity(Entity.create(caller.accountId(), EntityKinds.SERVICE_SPECIFIC_CREDENTIAL, credentialId, credentialId, "/", EntityJson.write(body), now));
            transaction.insertLink(new Link(caller.accountId(), UserEntities.SERVICE_SPECIFIC_CREDENTIAL_OF_USER, owner.id(), credentialId));
            transaction.putSecret(caller.accountId(), credentialId, SERVICE_PASSWORD, password.getBytes(StandardCharsets.UTF_8));
            return owner;
        });
        ServiceSpecificCredential.Builder credential = ServiceSpecificCredential.builder()
                .createDate(now)
                .serviceName(request.serviceName())
                .serviceSpecificCredentialId(credentialId)
                .userName(user.name())
                .status(StatusType.ACTIVE);
        withSecret(credential, request.serviceName(), user.name() + "-at-" + call.caller().accountId(), password);
        if (request.credentialAgeDays() != null) {
            credential.expirationDate(now.plus(Duration.ofDays(request.credentialAgeDays())));
        }
        return CreateServiceSpecificCredentialResponse.builder().serviceSpecificCredential(credential.build()).build();
    }

    /** Bedrock API keys are an alias and a secret; the other services take a user name and password. */
    private static void withSecret(ServiceSpecificCredential.Builder credential, String serviceName, String serviceUserName, String password)
    {
        if (serviceName.equals("bedrock.amazonaws.com")) {
            credential.serviceCredentialAlias(serviceUserName).serviceCredentialSecret(password);
        }
        else {
            credential.serviceUserName(serviceUserName).servicePassword(password);
        }
    }

    public ListServiceSpecificCredentialsResponse listServiceSpecificCredentials(CallContext call, ListServiceSpecificCredentialsRequest request)
    {
        Caller caller = call.caller();
        return context.store().read(transaction -> {
            Entity user = UserEntities.targetUser(transaction, caller, request.userName());
            List<ServiceSpecificCredentialMetadata> credentials = new ArrayList<>();
            for (Entity entity : owned(transaction, caller.accountId(), UserEntities.SERVICE_SPECIFIC_CREDENTIAL_OF_USER, EntityKinds.SERVICE_SPECIFIC_CREDENTIAL, user.id())) {
                CredentialBodies.ServiceSpecificCredential body = EntityJson.read(entity.body(), CredentialBodies.ServiceSpecificCredential.class);
                if (request.serviceName() != null && !request.serviceName().equals(body.serviceName())) {
                    continue;
                }
                credentials.add(ServiceSpecificCredentialMetadata.builder()
                        .userName(user.name())
                        .status(body.status())
                        .serviceUserName(body.serviceUserName())
                        .createDate(Instant.parse(body.createDate()))
                        .serviceSpecificCredentialId(entity.id())
                        .serviceName(body.serviceName())
                        .build());
            }
            IamPaging.Page<ServiceSpecificCredentialMetadata> page = WholeListPaging.pageByName(credentials, request.marker(), request.maxItems(), ServiceSpecificCredentialMetadata::serviceSpecificCredentialId);
            return ListServiceSpecificCredentialsResponse.builder().serviceSpecificCredentials(page.items()).isTruncated(page.truncated()).marker(page.nextMarker()).build();
        });
    }

    public ResetServiceSpecificCredentialResponse resetServiceSpecificCredential(CallContext call, ResetServiceSpecificCredentialRequest request)
    {
        Caller caller = call.caller();
        String password = newPassword();
        return context.store().write(transaction -> {
            Entity user = UserEntities.targetUser(transaction, caller, request.userName());
            Entity entity = requireServiceCredential(transaction, user, request.serviceSpecificCredentialId());
            CredentialBodies.ServiceSpecificCredential body = EntityJson.read(entity.body(), CredentialBodies.ServiceSpecificCredential.class);
            transaction.putSecret(caller.accountId(), entity.id(), SERVICE_PASSWORD, password.getBytes(StandardCharsets.UTF_8));
            ServiceSpecificCredential.Builder credential = ServiceSpecificCredential.builder()
                    .createDate(Instant.parse(body.createDate()))
                    .serviceName(body.serviceName())
                    .serviceSpecificCredentialId(entity.id())
                    .userName(user.name())
                    .status(body.status());
            withSecret(credential, body.serviceName(), body.serviceUserName(), password);
            return ResetServiceSpecificCredentialResponse.builder().serviceSpecificCredential(credential.build()).build();
        });
    }

    public UpdateServiceSpecificCredentialResponse updateServiceSpecificCredential(CallContext call, UpdateServiceSpecificCredentialRequest request)
    {
        Caller caller = call.caller();
        context.store().write(transaction -> {
            Entity user = UserEntities.targetUser(transaction, caller, request.userName());
            Entity entity = requireServiceCredential(transaction, user, request.serviceSpecificCredentialId());
            CredentialBodies.ServiceSpecificCredential body = EntityJson.read(entity.body(), CredentialBodies.ServiceSpecificCredential.class);
            transaction.updateEntity(entity.withBody(EntityJson.write(body.withStatus(request.statusAsString()))));
            return null;
        });
        return UpdateServiceSpecificCredentialResponse.builder().build();
    }

    public DeleteServiceSpecificCredentialResponse deleteServiceSpecificCredential(CallContext call, DeleteServiceSpecificCredentialRequest request)
    {
        Caller caller = call.caller();
        context.store().write(transaction -> {
            Entity user = UserEntities.targetUser(transaction, caller, request.userName());
            Entity entity = requireServiceCredential(transaction, user, request.serviceSpecificCredentialId());
            deleteServiceCredential(transaction, user, entity);
            return null;
        });
        return DeleteServiceSpecificCredentialResponse.builder().build();
    }

    private static void deleteServiceCredential(WriteTransaction transaction, Entity user, Entity credential)
    {
        transaction.deleteLink(new Link(user.accountId(), UserEntities.SERVICE_SPECIFIC_CREDENTIAL_OF_USER, user.id(), credential.id()));
        transaction.deleteSecret(user.accountId(), credential.id(), SERVICE_PASSWORD);
        transaction.deleteEntity(user.accountId(), EntityKinds.SERVICE_SPECIFIC_CREDENTIAL, credential.id());
    }

    private static Entity requireServiceCredential(ReadTransaction transaction, Entity user, String credentialId)
    {
        return transaction.entityById(user.accountId(), EntityKinds.SERVICE_SPECIFIC_CREDENTIAL, credentialId)
                .filter(entity -> EntityJson.read(entity.body(), CredentialBodies.ServiceSpecificCredential.class).userId().equals(user.id()))
                .orElseThrow(() -> IamErrors.noSuchEntity("No such credential " + credentialId + " exists for user " + user.name() + "."));
    }

    private static String newPassword()
    {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A user's credentials of one kind, found through the user's links, in upload order. */
    private static List<Entity> owned(ReadTransaction transaction, String accountId, String relation, String kind, String userId)
    {
        List<Entity> owned = new ArrayList<>();
        for (Link link : transaction.linksFrom(accountId, relation, userId)) {
            transaction.entityById(accountId, kind, link.toId()).ifPresent(owned::add);
        }
        owned.sort(Comparator.comparing(Entity::createdAt).thenComparing(Entity::id));
        return owned;
    }
}
