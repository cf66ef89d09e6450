package dev.lanyard.protocol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static dev.lanyard.protocol.shape.Builders.newBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Proves the codecs against the AWS SDK's own marshallers and unmarshallers: for every operation of every service,
 * the real SDK client reads our encoding of a random response into an equal object, sends a random request that we
 * decode into an equal object, and reads our errors into exceptions with the same code, message, status and request id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkRoundTripTest
{
    private static final String REQUEST_ID = "4f0c2a1e-7d3b-4c55-9a63-1c2d3e4f5a6b";

    private HttpServer server;
    private SdkHttpClient httpClient;
    private SdkClients clients;
    private volatile Function<WireRequest, WireResponse> handler;
    private volatile boolean requestIdHeader;

    @BeforeAll
    void startServer()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        httpClient = UrlConnectionHttpClient.create();
        clients = new SdkClients(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), httpClient);
    }

    @AfterAll
    void stopServer()
    {
        clients.close();
        httpClient.close();
        server.stop(0);
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            WireRequest request = new WireRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body,
                    exchange.getRemoteAddress().toString(),
                    false);
            WireResponse response = handler.apply(request);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            if (requestIdHeader) {
                // The server adds the request id header; the JSON protocol has no other place for it.
                exchange.getResponseHeaders().set("x-amzn-RequestId", REQUEST_ID);
            }
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(response.body());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void sdkReadsEveryResponse(AwsService service)
    {
        ProtocolCodec codec = ProtocolCodecs.forService(service);
        requestIdHeader = service.protocol() == AwsProtocol.JSON_1_1;
        RandomModels random = new RandomModels(service.ordinal());
        List<String> failures = new ArrayList<>();
        List<OperationModel> operations = ServiceCatalog.operations(service);
        for (OperationModel operation : operations) {
            try {
                SdkResponse expected = random.create(operation.responseClass());
                WireResponse wire = codec.encodeResponse(operation, expected, REQUEST_ID);
                handler = request -> wire;
                // A populated request: some client interceptors need their inputs (EC2 CopySnapshot presigns unless PresignedUrl is set).
                SdkResponse actual = clients.call(operation, random.create(operation.requestClass()));
                // AwsResponse.equals also compares the response metadata and HTTP response: compare the modelled members only.
                if (!actual.equalsBySdkFields(expected)) {
                    failures.add(operation.name() + ": expected " + expected + " but the SDK read " + actual + " from " + new String(wire.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                else if (actual instanceof software.amazon.awssdk.awscore.AwsResponse awsResponse && !REQUEST_ID.equals(awsResponse.responseMetadata().requestId())) {
                    failures.add(operation.name() + ": request id " + awsResponse.responseMetadata().requestId());
                }
            }
            catch (RuntimeException e) {
                failures.add(operation.name() + ": " + e);
            }
        }
        assertThat(operations).isNotEmpty();
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void decodesEveryRequestTheSdkSends(AwsService service)
    {
        ProtocolCodec codec = ProtocolCodecs.forService(service);
        requestIdHeader = service.protocol() == AwsProtocol.JSON_1_1;
        RandomModels random = new RandomModels(100 + service.ordinal());
        List<String> failures = new ArrayList<>();
        for (OperationModel operation : ServiceCatalog.operations(service)) {
            try {
                SdkRequest expected = random.create(operation.requestClass());
                AtomicReference<WireRequest> captured = new AtomicReference<>();
                WireResponse empty = codec.encodeResponse(operation, (SdkResponse) dev.lanyard.protocol.shape.Shape.build(newBuilder(operation.responseClass())), REQUEST_ID);
                handler = request -> {
                    captured.set(request);
                    return empty;
                };
                clients.call(operation, expected);
                WireRequest wire = captured.get();
                String name = codec.operationName(wire).orElse("<none>");
                if (!ServiceCatalog.operation(service, name).equals(java.util.Optional.of(operation))) {
                    failures.add(operation.name() + ": operation name on the wire " + name);
                    continue;
                }
                SdkRequest actual = codec.decodeRequest(operation, wire);
                if (!actual.equals(expected)) {
                    failures.add(operation.name() + ": sent " + expected + " but decoded " + actual + " from " + wire.formParameters() + " " + new String(wire.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            catch (RuntimeException e) {
                failures.add(operation.name() + ": " + e);
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void sdkReadsErrors(AwsService service)
    {
        requestIdHeader = service.protocol() == AwsProtocol.JSON_1_1;
        OperationModel operation = ServiceCatalog.operations(service).get(0);
        assertError(operation, new AwsErrorException("LanyardTestFailure", "Something <odd> & \"quoted\" happened", 400), AwsServiceException.class);
        assertError(operation, new AwsErrorException("InternalFailure", "We failed", 500), AwsServiceException.class);
        assertError(operation, new AwsErrorException("Throttling", "Rate exceeded", 400), AwsServiceException.class);
    }

    @Test
    void sdkReadsModelledErrorsAsTheirExceptionClasses()
    {
        Map<AwsService, Map.Entry<String, Class<? extends AwsServiceException>>> modelled = Map.of(
                AwsService.IAM, Map.entry("NoSuchEntity", software.amazon.awssdk.services.iam.model.NoSuchEntityException.class),
                AwsService.STS, Map.entry("ExpiredTokenException", software.amazon.awssdk.services.sts.model.ExpiredTokenException.class),
                AwsService.AUTOSCALING, Map.entry("AlreadyExists", software.amazon.awssdk.services.autoscaling.model.AlreadyExistsException.class),
                AwsService.EMR, Map.entry("InvalidRequestException", software.amazon.awssdk.services.emr.model.InvalidRequestException.class),
                // EC2 models no error shapes: every error is an Ec2Exception.
                AwsService.EC2, Map.entry("InvalidInstanceID.NotFound", software.amazon.awssdk.services.ec2.model.Ec2Exception.class));
        modelled.forEach((service, error) -> {
            requestIdHeader = service.protocol() == AwsProtocol.JSON_1_1;
            OperationModel operation = ServiceCatalog.operations(service).get(0);
            assertError(operation, new AwsErrorException(error.getKey(), "The thing cannot be found.", 404), error.getValue());
        });
    }

    private void assertError(OperationModel operation, AwsErrorException error, Class<? extends AwsServiceException> exceptionClass)
    {
        WireResponse wire = ProtocolCodecs.forService(operation.service()).encodeError(error, REQUEST_ID);
        handler = request -> wire;
        SdkRequest request = (SdkRequest) dev.lanyard.protocol.shape.Shape.build(newBuilder(operation.requestClass()));
        AwsServiceException thrown = catchThrowableOfType(exceptionClass, () -> clients.call(operation, request));
        assertThat(thrown).as("%s %s", operation.service(), error.code()).isNotNull();
        assertThat(thrown.awsErrorDetails().errorCode()).isEqualTo(error.code());
        assertThat(thrown.awsErrorDetails().errorMessage()).isEqualTo(error.getMessage());
        assertThat(thrown.statusCode()).isEqualTo(error.httpStatus());
        assertThat(thrown.requestId()).isEqualTo(REQUEST_ID);
    }
}
