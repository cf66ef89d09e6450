package dev.lanyard.bench;

import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.server.ServerConfig;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A whole signed GetCallerIdentity through the request pipeline (route, authenticate, decode, validate, invoke, encode), without HTTP. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark
{
    private static final String ACCESS_KEY_ID = "AKIABENCHROOTKEY0001";
    private static final String SECRET = "benchRootSecretAccessKey000000000000000";

    private LanyardServer server;
    private WireRequest request;

    @Setup
    public void setUp()
            throws IOException
    {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, Files.createTempDirectory("lanyard-bench-"), "123456789012", "us-east-1", AuthMode.STRICT,
                Optional.of(new RootCredentials("123456789012", ACCESS_KEY_ID, SECRET)));
        server = LanyardServer.start(config, Map.of(), Clock.systemUTC());
        request = SignedRequests.signedForm("127.0.0.1:" + server.port(), ACCESS_KEY_ID, SECRET, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
        WireResponse response = server.api().handle(SignedRequests.copy(request));
        if (response.status() != 200) {
            throw new IllegalStateException("The benchmark request fails: " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @TearDown
    public void tearDown()
    {
        server.close();
    }

    @Benchmark
    public WireResponse signedGetCallerIdentity()
    {
        return server.api().handle(SignedRequests.copy(request));
    }
}
