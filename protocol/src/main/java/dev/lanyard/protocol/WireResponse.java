package dev.lanyard.protocol;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** An HTTP response as the protocol layer produces it; the server adds the request id header. */
public record WireResponse(int status, String contentType, byte[] body, Map<String, String> headers)
{
    public WireResponse
    {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
    }

    public WireResponse(int status, String contentType, byte[] body)
    {
        this(status, contentType, body, Map.of());
    }
}
