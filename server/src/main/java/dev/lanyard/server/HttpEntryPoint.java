package dev.lanyard.server;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Converts Jetty's requests to {@link WireRequest}s and hands them to the admin endpoints or the AWS pipeline. */
final class HttpEntryPoint
        extends Handler.Abstract
{
    // AWS's largest request bodies (EC2 user data, policy documents) are far below this; bigger ones are refused unread.
    static final int MAXIMUM_BODY_BYTES = 1024 * 1024;

    private final AwsApi api;
    private final AdminApi admin;

    HttpEntryPoint(AwsApi api, AdminApi admin)
    {
        this.api = requireNonNull(api, "api is null");
        this.admin = requireNonNull(admin, "admin is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
            throws IOException
    {
        String path = request.getHttpURI().getPath();
        WireResponse answer;
        byte[] body = readBody(request);
        WireRequest wireRequest = new WireRequest(request.getMethod(), path == null ? "/" : path, request.getHttpURI().getQuery(), headers(request), body == null ? new byte[0] : body, Request.getRemoteAddr(request), request.isSecure());
        if (body == null) {
            answer = api.reject(wireRequest, new AwsErrorException("RequestEntityTooLarge", "Request body must be at most " + MAXIMUM_BODY_BYTES + " bytes", 413));
        }
        else if (AdminApi.handles(wireRequest.path())) {
            answer = admin.handle(wireRequest);
        }
        else {
            answer = api.handle(wireRequest);
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    /** The body, or null when it is larger than allowed. */
    private static byte[] readBody(Request request)
            throws IOException
    {
        long declaredLength = request.getLength();
        if (declaredLength > MAXIMUM_BODY_BYTES) {
            return null;
        }
        if (declaredLength == 0) {
            return new byte[0];
        }
        try (InputStream input = Content.Source.asInputStream(request)) {
            byte[] body = input.readNBytes(MAXIMUM_BODY_BYTES + 1);
            return body.length > MAXIMUM_BODY_BYTES ? null : body;
        }
    }

    /** Names lower-cased and values in immutable lists, the form {@link WireRequest} keeps, so it copies no list. */
    private static Map<String, List<String>> headers(Request request)
    {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            List<String> previous = headers.get(name);
            if (previous == null) {
                headers.put(name, List.of(field.getValue()));
            }
            else {
                List<String> values = new ArrayList<>(previous);
                values.add(field.getValue());
                headers.put(name, List.copyOf(values));
            }
        }
        return headers;
    }
}
