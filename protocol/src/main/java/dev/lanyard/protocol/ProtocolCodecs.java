package dev.lanyard.protocol;

import dev.lanyard.protocol.json.JsonCodec;
import dev.lanyard.protocol.query.Ec2Codec;
import dev.lanyard.protocol.query.QueryCodec;

import java.util.EnumMap;
import java.util.Map;

/** One codec per service, made once: codecs are stateless and thread-safe. */
public final class ProtocolCodecs
{
    private static final Map<AwsService, ProtocolCodec> CODECS = codecs();

    private ProtocolCodecs() {}

    public static ProtocolCodec forService(AwsService service)
    {
        return CODECS.get(service);
    }

    private static Map<AwsService, ProtocolCodec> codecs()
    {
        Map<AwsService, ProtocolCodec> codecs = new EnumMap<>(AwsService.class);
        for (AwsService service : AwsService.values()) {
            codecs.put(service, switch (service.protocol()) {
                case QUERY -> new QueryCodec(service);
                case EC2 -> new Ec2Codec(service);
                case JSON_1_1 -> new JsonCodec(service);
            });
        }
        return codecs;
    }
}
