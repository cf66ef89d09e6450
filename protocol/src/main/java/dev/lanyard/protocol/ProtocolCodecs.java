package dev.lanyard.protocol;

/**
 * BUILD STUB on branch helper-sigv4 only: the skeleton's ProtocolCodec refers to this class, which the codec branch
 * (helper-codec) provides. Drop this file when merging; take the codec branch's version.
 */
final class ProtocolCodecs
{
    private ProtocolCodecs() {}

    static ProtocolCodec forService(AwsService service)
    {
        throw new UnsupportedOperationException("codecs live on the helper-codec branch");
    }
}
