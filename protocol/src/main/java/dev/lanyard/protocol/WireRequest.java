package dev.lanyard.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP request as the protocol layer sees it, independent of the HTTP server.
 * Header names are lower case. The form parameters (query string, then a form-encoded body) are decoded once, on first use.
 */
public final class WireRequest
{
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final String remoteAddress;
    private final boolean secure;
    private Map<String, String> formParameters;

    public WireRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body, String remoteAddress, boolean secure)
    {
        this.method = requireNonNull(method, "method is null");
        this.path = requireNonNull(path, "path is null");
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.headers = lowerCaseKeys(requireNonNull(headers, "headers is null"));
        this.body = requireNonNull(body, "body is null");
        this.remoteAddress = remoteAddress == null ? "" : remoteAddress;
        this.secure = secure;
    }

    private static Map<String, List<String>> lowerCaseKeys(Map<String, List<String>> headers)
    {
        Map<String, List<String>> copy = new HashMap<>(headers.size() * 2);
        // List.copyOf returns an already immutable list as is, so a caller that lower-cased the names pays one map copy.
        headers.forEach((name, values) -> copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), WireRequest::concatenate));
        return Map.copyOf(copy);
    }

    private static List<String> concatenate(List<String> left, List<String> right)
    {
        List<String> merged = new ArrayList<>(left);
        merged.addAll(right);
        return List.copyOf(merged);
    }

    public String method()
    {
        return method;
    }

    /** The raw (still percent-encoded) path, e.g. "/". */
    public String path()
    {
        return path;
    }

    /** The raw (still percent-encoded) query string without '?', empty when there is none. */
    public String rawQuery()
    {
        return rawQuery;
    }

    /** All headers, keyed by lower-case name. */
    public Map<String, List<String>> headers()
    {
        return headers;
    }

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name)
    {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }

    public byte[] body()
    {
        return body;
    }

    public String remoteAddress()
    {
        return remoteAddress;
    }

    public boolean secure()
    {
        return secure;
    }

    /**
     * The Query protocols' parameters: those of the query string, then those of a form-encoded body (a body value wins).
     * The first value of a repeated name counts.
     */
    public Map<String, String> formParameters()
    {
        Map<String, String> parameters = formParameters;
        if (parameters == null) {
            Map<String, String> decoded = new LinkedHashMap<>();
            decodeInto(rawQuery, decoded);
            if (isFormEncoded()) {
                decodeInto(new String(body, StandardCharsets.UTF_8), decoded);
            }
            parameters = java.util.Collections.unmodifiableMap(decoded);
            formParameters = parameters;
        }
        return parameters;
    }

    private boolean isFormEncoded()
    {
        return body.length > 0 && header("content-type")
                .map(type -> type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                .orElse(false);
    }

    private static void decodeInto(String encoded, Map<String, String> parameters)
    {
        if (encoded.isEmpty()) {
            return;
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                int equals = encoded.indexOf('=', start);
                String name;
                String value;
                if (equals < 0 || equals > end) {
                    name = decode(encoded.substring(start, end));
                    value = "";
                }
                else {
                    name = decode(encoded.substring(start, equals));
                    value = decode(encoded.substring(equals + 1, end));
                }
                parameters.put(name, value);
            }
            start = end + 1;
        }
    }

    private static String decode(String value)
    {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            // A stray '%' is kept literally rather than failing the request: AWS answers such requests too.
            return value;
        }
    }
}
