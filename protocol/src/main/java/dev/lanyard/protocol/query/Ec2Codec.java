package dev.lanyard.protocol.query;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.OperationModel;
import dev.lanyard.protocol.ProtocolCodec;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The EC2 query protocol: form-encoded requests like awsQuery but with lists as {@code Name.N} (the names come from
 * botocore's queryName, which the SDK keeps as locationName), responses without a Result wrapper whose members are
 * lowerCamel with lists of {@code <item>}, and errors in EC2's own {@code <Response><Errors>} envelope.
 */
public final class Ec2Codec
        implements ProtocolCodec
{
    private static final String CONTENT_TYPE = "text/xml;charset=UTF-8";
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private final String namespace;

    public Ec2Codec(AwsService service)
    {
        this.namespace = service.xmlNamespace().orElseThrow(() -> new IllegalArgumentException(service + " has no XML namespace"));
    }

    @Override
    public Optional<String> operationName(WireRequest request)
    {
        return QueryCodec.action(request);
    }

    @Override
    public SdkRequest decodeRequest(OperationModel operation, WireRequest request)
    {
        return QueryCodec.decode(operation, request, true);
    }

    @Override
    public WireResponse encodeResponse(OperationModel operation, SdkResponse response, String requestId)
    {
        String name = operation.name();
        StringBuilder xml = new StringBuilder(512);
        xml.append(XML_DECLARATION);
        xml.append('<').append(name).append("Response xmlns=\"").append(namespace).append("\">");
        XmlWriter.element(xml, "requestId", requestId);
        XmlWriter.writeMembers(xml, response);
        xml.append("</").append(name).append("Response>");
        return new WireResponse(200, CONTENT_TYPE, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public WireResponse encodeError(AwsErrorException error, String requestId)
    {
        StringBuilder xml = new StringBuilder(256);
        xml.append(XML_DECLARATION).append("<Response><Errors><Error>");
        XmlWriter.element(xml, "Code", error.code());
        XmlWriter.element(xml, "Message", error.getMessage());
        xml.append("</Error></Errors>");
        XmlWriter.element(xml, "RequestID", requestId);
        xml.append("</Response>");
        return new WireResponse(error.httpStatus(), CONTENT_TYPE, xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
