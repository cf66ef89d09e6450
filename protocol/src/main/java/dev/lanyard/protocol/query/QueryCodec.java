package dev.lanyard.protocol.query;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.OperationModel;
import dev.lanyard.protocol.ProtocolCodec;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.protocol.shape.Builders;
import dev.lanyard.protocol.shape.Shape;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The awsQuery protocol (IAM, STS, Auto Scaling): form-encoded requests with Action and Version, XML responses in
 * {@code <OpResponse><OpResult>..</OpResult><ResponseMetadata>..} and {@code <ErrorResponse>} errors.
 * <p>
 * Policy documents (IAM's AssumeRolePolicyDocument, PolicyDocument, Document) are written exactly as the response
 * object holds them: AWS sends them URL-encoded and the SDK does not decode them, so business code must encode them
 * with {@link dev.lanyard.protocol.PolicyDocuments#encode}.
 */
public final class QueryCodec
        implements ProtocolCodec
{
    /**
     * Operations whose output shape exists but has no members: AWS answers them with an empty {@code <OpResult/>}, where
     * operations without an output shape have no Result element at all. The SDK generates an empty response class for
     * both, so this difference comes from botocore's service-2.json ("output" with an empty "members").
     */
    private static final Set<String> EMPTY_RESULT_OPERATIONS = Set.of(
            "UpdateRole",
            "AttachLoadBalancerTargetGroups",
            "AttachLoadBalancers",
            "AttachTrafficSources",
            "CompleteLifecycleAction",
            "DeleteLifecycleHook",
            "DeleteWarmPool",
            "DetachLoadBalancerTargetGroups",
            "DetachLoadBalancers",
            "DetachTrafficSources",
            "PutLifecycleHook",
            "PutWarmPool",
            "RecordLifecycleActionHeartbeat",
            "SetInstanceProtection");

    private static final String CONTENT_TYPE = "text/xml";

    private final AwsService service;
    private final String namespace;

    public QueryCodec(AwsService service)
    {
        this.service = requireNonNull(service, "service is null");
        this.namespace = service.xmlNamespace().orElseThrow(() -> new IllegalArgumentException(service + " has no XML namespace"));
    }

    @Override
    public Optional<String> operationName(WireRequest request)
    {
        return action(request);
    }

    /** The Action parameter, shared by the Query and EC2 protocols. */
    static Optional<String> action(WireRequest request)
    {
        String action = request.formParameters().get("Action");
        if (action == null || action.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(action);
    }

    @Override
    public SdkRequest decodeRequest(OperationModel operation, WireRequest request)
    {
        return decode(operation, request, false);
    }

    static SdkRequest decode(OperationModel operation, WireRequest request, boolean ec2)
    {
        SdkPojo builder = Builders.newBuilder(operation.requestClass());
        new QueryRequestReader(request.formParameters(), ec2).fill(builder, "");
        return (SdkRequest) Shape.build(builder);
    }

    @Override
    public WireResponse encodeResponse(OperationModel operation, SdkResponse response, String requestId)
    {
        String name = operation.name();
        StringBuilder xml = new StringBuilder(512);
        xml.append('<').append(name).append("Response xmlns=\"").append(namespace).append("\">");
        if (!Shape.of(response).members().isEmpty() || EMPTY_RESULT_OPERATIONS.contains(name)) {
            xml.append('<').append(name).append("Result>");
            XmlWriter.writeMembers(xml, response);
            xml.append("</").append(name).append("Result>");
        }
        xml.append("<ResponseMetadata>");
        XmlWriter.element(xml, "RequestId", requestId);
        xml.append("</ResponseMetadata></").append(name).append("Response>");
        return new WireResponse(200, CONTENT_TYPE, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public WireResponse encodeError(AwsErrorException error, String requestId)
    {
        StringBuilder xml = new StringBuilder(256);
        xml.append("<ErrorResponse xmlns=\"").append(namespace).append("\"><Error>");
        XmlWriter.element(xml, "Type", error.senderFault() ? "Sender" : "Receiver");
        XmlWriter.element(xml, "Code", error.code());
        XmlWriter.element(xml, "Message", error.getMessage());
        xml.append("</Error>");
        XmlWriter.element(xml, "RequestId", requestId);
        xml.append("</ErrorResponse>");
        return new WireResponse(error.httpStatus(), CONTENT_TYPE, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString()
    {
        return "QueryCodec[" + service + "]";
    }
}
