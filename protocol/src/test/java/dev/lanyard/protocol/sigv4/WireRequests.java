package dev.lanyard.protocol.sigv4;

import dev.lanyard.protocol.WireRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of a request with one part changed, as a tampering proxy would change it. */
final class WireRequests
{
    private WireRequests() {}

    static WireRequest withHeader(WireRequest request, String name, String value)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value));
        return new WireRequest(request.method(), request.path(), request.rawQuery(), headers, request.body(), request.remoteAddress(), request.secure());
    }

    static WireRequest withoutHeader(WireRequest request, String name)
    {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.remove(name.toLowerCase(java.util.Locale.ROOT));
        return new WireRequest(request.method(), request.path(), request.rawQuery(), headers, request.body(), request.remoteAddress(), request.secure());
    }

    static WireRequest withBody(WireRequest request, byte[] body)
    {
        return new WireRequest(request.method(), request.path(), request.rawQuery(), request.headers(), body, request.remoteAddress(), request.secure());
    }

    static WireRequest withRawQuery(WireRequest request, String rawQuery)
    {
        return new WireRequest(request.method(), request.path(), rawQuery, request.headers(), request.body(), request.remoteAddress(), request.secure());
    }

    static WireRequest withPath(WireRequest request, String path)
    {
        return new WireRequest(request.method(), path, request.rawQuery(), request.headers(), request.body(), request.remoteAddress(), request.secure());
    }
}
