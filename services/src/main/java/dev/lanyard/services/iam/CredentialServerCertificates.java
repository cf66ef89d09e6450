package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.StoreException;
import software.amazon.awssdk.services.iam.model.DeleteServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.GetServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.GetServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.ListServerCertificateTagsRequest;
import software.amazon.awssdk.services.iam.model.ListServerCertificateTagsResponse;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesResponse;
import software.amazon.awssdk.services.iam.model.ServerCertificate;
import software.amazon.awssdk.services.iam.model.ServerCertificateMetadata;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.TagServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.UntagServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UntagServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.UpdateServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.UploadServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UploadServerCertificateResponse;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/** IAM server certificates: the certificate and chain as uploaded, the private key encrypted at rest and never returned. */
final class CredentialServerCertificates
{
    static final int SERVER_CERTIFICATES_QUOTA = 20;
    static final String PRIVATE_KEY = "server-certificate-private-key";

    private final IamContext context;

    CredentialServerCertificates(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    void register(OperationRegistry registry)
    {
        registry.register(UploadServerCertificateRequest.class, this::uploadServerCertificate);
        registry.register(GetServerCertificateRequest.class, this::getServerCertificate);
        registry.register(ListServerCertificatesRequest.class, this::listServerCertificates);
        registry.register(UpdateServerCertificateRequest.class, this::updateServerCertificate);
        registry.register(DeleteServerCertificateRequest.class, this::deleteServerCertificate);
        registry.register(TagServerCertificateRequest.class, this::tagServerCertificate);
        registry.register(UntagServerCertificateRequest.class, this::untagServerCertificate);
        registry.register(ListServerCertificateTagsRequest.class, this::listServerCertificateTags);
    }

    UploadServerCertificateResponse uploadServerCertificate(CallContext call, UploadServerCertificateRequest request)
    {
        String accountId = call.caller().accountId();
        X509Certificate certificate = CredentialPem.certificate(request.certificateBody());
        if (request.certificateChain() != null) {
            CredentialPem.certificate(request.certificateChain());
        }
        PrivateKey privateKey = CredentialPem.privateKey(request.privateKey(), certificate.getPublicKey().getAlgorithm());
        CredentialPem.requireMatch(certificate, privateKey);
        Instant now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String path = request.path() == null ? "/" : request.path();
        CredentialBodies.ServerCertificate body = new CredentialBodies.ServerCertificate(
                request.certificateBody(), request.certificateChain(), now.toString(), certificate.getNotAfter().toInstant().toString(), EntityTags.fromRequest(request.tags(), EntityTags.Taggable.SERVER_CERTIFICATE));
        Entity entity = Entity.create(accountId, EntityKinds.SERVER_CERTIFICATE, IamIds.newId(IamIds.SERVER_CERTIFICATE), request.serverCertificateName(), path, EntityJson.write(body), now);
        context.store().write(transaction -> {
            AccountEntityQuota.insert(transaction, entity, "ServerCertificatesPerAccount", SERVER_CERTIFICATES_QUOTA, () -> alreadyExists(request.serverCertificateName()));
            transaction.putSecret(accountId, entity.id(), PRIVATE_KEY, request.privateKey().getBytes(StandardCharsets.UTF_8));
            return null;
        });
        UploadServerCertificateResponse.Builder response = UploadServerCertificateResponse.builder().serverCertificateMetadata(metadata(entity, body));
        if (!body.tags().isEmpty()) {
            response.tags(EntityTags.toSdk(body.tags()));
        }
        return response.build();
    }

    GetServerCertificateResponse getServerCertificate(CallContext call, GetServerCertificateRequest request)
    {
        Entity entity = context.store().read(transaction -> require(transaction, call.caller().accountId(), request.serverCertificateName()));
        CredentialBodies.ServerCertificate body = body(entity);
        ServerCertificate.Builder certificate = ServerCertificate.builder()
                .serverCertificateMetadata(metadata(entity, body))
                .certificateBody(body.certificateBody())
                .certificateChain(body.certificateChain());
        if (!body.tags().isEmpty()) {
            certificate.tags(EntityTags.toSdk(body.tags()));
        }
        return GetServerCertificateResponse.builder().serverCertificate(certificate.build()).build();
    }

    ListServerCertificatesResponse listServerCertificates(CallContext call, ListServerCertificatesRequest request)
    {
        List<Entity> fetched = context.store().read(transaction -> transaction.entities(
                call.caller().accountId(), EntityKinds.SERVER_CERTIFICATE, request.pathPrefix(), IamPaging.afterName(request.marker()), IamPaging.fetchSize(request.maxItems())));
        IamPaging.Page<Entity> page = IamPaging.page(fetched, request.maxItems(), Entity::name);
        return ListServerCertificatesResponse.builder()
                .serverCertificateMetadataList(page.items().stream().map(entity -> metadata(entity, body(entity))).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    UpdateServerCertificateResponse updateServerCertificate(CallContext call, UpdateServerCertificateRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity entity = require(transaction, accountId, request.serverCertificateName());
            Entity updated = entity;
            if (request.newServerCertificateName() != null) {
                updated = updated.withName(request.newServerCertificateName());
            }
            if (request.newPath() != null) {
                updated = updated.withPath(request.newPath());
            }
            if (updated.equals(entity)) {
                return null;
            }
            try {
                transaction.updateEntity(updated);
            }
            catch (StoreException.Conflict taken) {
                throw alreadyExists(request.newServerCertificateName());
            }
            return null;
        });
        return UpdateServerCertificateResponse.builder().build();
    }

    DeleteServerCertificateResponse deleteServerCertificate(CallContext call, DeleteServerCertificateRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity entity = require(transaction, accountId, request.serverCertificateName());
            transaction.deleteSecret(accountId, entity.id(), PRIVATE_KEY);
            transaction.deleteEntity(accountId, EntityKinds.SERVER_CERTIFICATE, entity.id());
            return null;
        });
        return DeleteServerCertificateResponse.builder().build();
    }

    TagServerCertificateResponse tagServerCertificate(CallContext call, TagServerCertificateRequest request)
    {
        updateBody(call.caller().accountId(), request.serverCertificateName(), body -> body.withTags(EntityTags.merge(body.tags(), request.tags(), EntityTags.Taggable.SERVER_CERTIFICATE)));
        return TagServerCertificateResponse.builder().build();
    }

    UntagServerCertificateResponse untagServerCertificate(CallContext call, UntagServerCertificateRequest request)
    {
        updateBody(call.caller().accountId(), request.serverCertificateName(), body -> body.withTags(EntityTags.remove(body.tags(), request.tagKeys())));
        return UntagServerCertificateResponse.builder().build();
    }

    ListServerCertificateTagsResponse listServerCertificateTags(CallContext call, ListServerCertificateTagsRequest request)
    {
        Entity entity = context.store().read(transaction -> require(transaction, call.caller().accountId(), request.serverCertificateName()));
        IamPaging.Page<Tag> page = EntityTags.page(body(entity).tags(), request.marker(), request.maxItems());
        return ListServerCertificateTagsResponse.builder()
                .tags(page.items())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    private void updateBody(String accountId, String name, UnaryOperator<CredentialBodies.ServerCertificate> change)
    {
        context.store().write(transaction -> {
            Entity entity = require(transaction, accountId, name);
            transaction.updateEntity(entity.withBody(EntityJson.write(change.apply(body(entity)))));
            return null;
        });
    }

    private static Entity require(ReadTransaction transaction, String accountId, String name)
    {
        return transaction.entityByName(accountId, EntityKinds.SERVER_CERTIFICATE, name)
                .orElseThrow(() -> IamErrors.noSuchEntity("The Server Certificate with name " + name + " cannot be found."));
    }

    private static CredentialBodies.ServerCertificate body(Entity entity)
    {
        return EntityJson.read(entity.body(), CredentialBodies.ServerCertificate.class);
    }

    private static ServerCertificateMetadata metadata(Entity entity, CredentialBodies.ServerCertificate body)
    {
        return ServerCertificateMetadata.builder()
                .path(entity.path())
                .serverCertificateName(entity.name())
                .serverCertificateId(entity.id())
                .arn(IamArns.of(entity.accountId(), "server-certificate", entity.path(), entity.name()))
                .uploadDate(Instant.parse(body.uploadDate()))
                .expiration(Instant.parse(body.expiration()))
                .build();
    }

    private static software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException alreadyExists(String name)
    {
        return software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException.builder()
                .message("The Server Certificate with name " + name + " already exists.")
                .build();
    }
}
