package dev.lanyard.server;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.OperationModel;
import dev.lanyard.protocol.ProtocolCodec;
import dev.lanyard.protocol.ServiceCatalog;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.protocol.model.ModelErrors;
import dev.lanyard.protocol.model.RequestValidator;
import dev.lanyard.protocol.sigv4.SigV4Exception;
import dev.lanyard.protocol.sigv4.SigV4Failure;
import dev.lanyard.protocol.sigv4.SigV4Parser;
import dev.lanyard.protocol.sigv4.SignedRequest;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.Operation;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.auth.Authenticator;
import dev.lanyard.services.authorization.RequestAuthorizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The request pipeline of every AWS API call: route → authenticate → find the operation → decode → validate → authorize →
 * invoke → encode. Authorization comes before the implementation is looked up, so a caller who may not run an operation
 * learns nothing else about it (not even whether Lanyard implements it).
 * Every failure, expected or not, leaves as an error in the service's own wire format.
 */
public final class AwsApi
{
    private static final Logger log = LoggerFactory.getLogger(AwsApi.class);
    // Requests nobody can route still need an answer in some AWS format; IAM's Query format is the most common.
    private static final AwsService FALLBACK_SERVICE = AwsService.IAM;

    private static final Set<String> UNSIGNED_OPERATIONS = Set.of("AssumeRoleWithWebIdentity", "AssumeRoleWithSAML");

    private final Authenticator authenticator;
    private final OperationRegistry operations;
    private final RequestAuthorizer authorizer;
    private final RequestValidator validator;
    private final ModelErrors modelErrors;
    private final Clock clock;
    private final String defaultRegion;
    private final Map<AwsService, ProtocolCodec> codecs = new EnumMap<>(AwsService.class);

    public AwsApi(Authenticator authenticator, OperationRegistry operations, RequestAuthorizer authorizer, RequestValidator validator, ModelErrors modelErrors, Clock clock, String defaultRegion)
    {
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.modelErrors = requireNonNull(modelErrors, "modelErrors is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.operations = requireNonNull(operations, "operations is null");
        this.validator = requireNonNull(validator, "validator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.defaultRegion = requireNonNull(defaultRegion, "defaultRegion is null");
        for (AwsService service : AwsService.values()) {
            codecs.put(service, ProtocolCodec.forService(service));
        }
    }

    public WireResponse handle(WireRequest request)
    {
        String requestId = RequestIds.next();
        // The signature is parsed before routing because its credential scope names the service; a malformed or
        // missing one is answered only once the service, and so the error format, is known.
        SignedRequest signed = null;
        SigV4Exception signatureFailure = null;
        try {
            signed = SigV4Parser.parse(request);
        }
        catch (SigV4Exception failure) {
            signatureFailure = failure;
        }
        Optional<AwsService> routed = ServiceRouter.route(request, Optional.ofNullable(signed).map(SignedRequest::scope));
        AwsService service = routed.orElse(FALLBACK_SERVICE);
        ProtocolCodec codec = codecs.get(service);
        WireResponse response;
        try {
            if (signatureFailure != null && !acceptsUnsigned(signatureFailure, routed, request)) {
                throw signatureFailure.toAwsError(service);
            }
            response = invoke(request, signed, routed, service, codec, requestId);
        }
        catch (AwsErrorException error) {
            response = codec.encodeError(error, requestId);
        }
        catch (AwsServiceException modelled) {
            response = codec.encodeError(modelErrors.translate(service, modelled), requestId);
        }
        catch (RuntimeException unexpected) {
            log.error("Request {} failed unexpectedly", requestId, unexpected);
            response = codec.encodeError(new AwsErrorException("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500), requestId);
        }
        return withRequestId(response, requestId);
    }

    /** Answers a request refused before it could be read (too large), in the format of the service it was for. */
    public WireResponse reject(WireRequest request, AwsErrorException error)
    {
        String requestId = RequestIds.next();
        AwsService service = ServiceRouter.route(request, Optional.empty()).orElse(FALLBACK_SERVICE);
        return withRequestId(codecs.get(service).encodeError(error, requestId), requestId);
    }

    private WireResponse invoke(WireRequest request, SignedRequest signed, Optional<AwsService> routed, AwsService service, ProtocolCodec codec, String requestId)
    {
        if (routed.isEmpty()) {
            // Signed, but for no service Lanyard serves (the scope names e.g. s3): nothing would run, so nothing to authenticate.
            throw AwsErrorException.invalidAction(request.formParameters().getOrDefault("Action", ""));
        }
        // The unsigned federation operations carry their proof (a web identity token, a SAML assertion) in the request.
        Caller caller = signed == null ? Caller.anonymous() : authenticator.authenticate(request, signed, service);
        String operationName = codec.operationName(request)
                .orElseThrow(() -> unknownOperation(service, ""));
        OperationModel operation = ServiceCatalog.operation(service, operationName)
                .orElseThrow(() -> unknownOperation(service, operationName));
        SdkRequest typedRequest = codec.decodeRequest(operation, request);
        validator.validate(service, operation.name(), typedRequest);
        CallContext context = new CallContext(caller, service, operation.name(), requestId, regionOf(signed), clock.instant(), request.remoteAddress(), request.secure(),
                request.header("User-Agent").orElse(""));
        if (!operations.isSelfAuthorized(operation.requestClass())) {
            authorizer.authorize(context, typedRequest);
        }
        Operation<SdkRequest, SdkResponse> implementation = operations.find(operation.requestClass())
                .orElseThrow(() -> AwsErrorException.notImplemented(service, operation.name()));
        SdkResponse response = implementation.invoke(context, typedRequest);
        return codec.encodeResponse(operation, response, requestId);
    }

    /**
     * AssumeRoleWithWebIdentity and AssumeRoleWithSAML need no AWS signature (AWS documents them as unsigned calls):
     * an unsigned request for them goes on to the operation, which verifies the token itself. A signature that is
     * present but malformed is still refused.
     */
    private static boolean acceptsUnsigned(SigV4Exception failure, Optional<AwsService> routed, WireRequest request)
    {
        if (failure.failure() != SigV4Failure.MISSING_AUTHENTICATION || routed.isEmpty() || routed.get() != AwsService.STS) {
            return false;
        }
        String action = request.formParameters().getOrDefault("Action", "");
        return UNSIGNED_OPERATIONS.contains(action);
    }

    private String regionOf(SignedRequest signed)
    {
        if (signed == null) {
            return defaultRegion;
        }
        String region = signed.scope().region();
        return region == null || region.isEmpty() ? defaultRegion : region;
    }

    private static AwsErrorException unknownOperation(AwsService service, String operationName)
    {
        return switch (service.protocol()) {
            case QUERY -> new AwsErrorException("InvalidAction", "Could not find operation " + operationName + " for version " + service.apiVersion(), 400);
            case EC2 -> new AwsErrorException("InvalidAction", "The action " + operationName + " is not valid for this web service.", 400);
            case JSON_1_1 -> new AwsErrorException("UnknownOperationException", "", 400);
        };
    }

    private static WireResponse withRequestId(WireResponse response, String requestId)
    {
        return new WireResponse(response.status(), response.contentType(), response.body(), Map.of("x-amzn-RequestId", requestId));
    }
}
