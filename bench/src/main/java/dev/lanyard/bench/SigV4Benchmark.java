package dev.lanyard.bench;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.sigv4.SigV4Parser;
import dev.lanyard.protocol.sigv4.SigV4Verifier;
import dev.lanyard.protocol.sigv4.SignedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** Parsing and verifying a SigV4 Authorization header (signing key cached, as for a returning client). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigV4Benchmark
{
    private static final String SECRET = "benchRootSecretAccessKey000000000000000";

    private WireRequest request;
    private SigV4Verifier verifier;

    @Setup
    public void setUp()
    {
        request = SignedRequests.signedForm("127.0.0.1:4747", "AKIABENCHROOTKEY0001", SECRET, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
        verifier = new SigV4Verifier(Clock.systemUTC());
    }

    @Benchmark
    public SignedRequest parseAndVerify()
    {
        SignedRequest signed = SigV4Parser.parse(request);
        verifier.verify(signed, request, SECRET, AwsService.STS);
        return signed;
    }
}
