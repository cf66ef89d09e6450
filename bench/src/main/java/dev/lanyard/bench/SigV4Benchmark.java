package dev.lanyard.bench;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.sigv4.SigV4Parser;
import dev.lanyard.protocol.sigv4.SigV4Verifier;
import dev.lanyard.protocol.sigv4.SignedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.time.Clock;

import static dev.lanyard.bench.BenchmarkAccount.ROOT_ACCESS_KEY_ID;
import static dev.lanyard.bench.BenchmarkAccount.ROOT_SECRET_ACCESS_KEY;

/** Parsing and verifying a SigV4 Authorization header (signing key cached, as for a returning client). */
public class SigV4Benchmark
        extends AbstractBenchmark
{
    private WireRequest request;
    private SigV4Verifier verifier;

    @Setup
    public void setUp()
    {
        request = SignedRequests.signedForm("127.0.0.1:4747", ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
        verifier = new SigV4Verifier(Clock.systemUTC());
    }

    @Benchmark
    public SignedRequest parseAndVerify()
    {
        SignedRequest signed = SigV4Parser.parse(request);
        verifier.verify(signed, request, ROOT_SECRET_ACCESS_KEY, AwsService.STS);
        return signed;
    }
}
