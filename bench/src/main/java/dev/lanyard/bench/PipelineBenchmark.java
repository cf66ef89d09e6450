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

/** Whole signed requests through the request pipeline (route, authenticate, decode, validate, invoke, encode), without HTTP. */
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
    private WireRequest userGetUser;
    private WireRequest userAssumeRole;

    @Setup
    public void setUp()
            throws IOException
    {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, Files.createTempDirectory("lanyard-bench-"), "123456789012", "us-east-1", AuthMode.STRICT,
                Optional.of(new RootCredentials("123456789012", ACCESS_KEY_ID, SECRET)));
        server = LanyardServer.start(config, Map.of(), Clock.systemUTC());
        request = SignedRequests.signedForm("127.0.0.1:" + server.port(), ACCESS_KEY_ID, SECRET, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
        requireOk(server.api().handle(SignedRequests.copy(request)));

        // An IAM user whose inline policy allows iam:GetUser on itself: the call runs the policy engine over a cached policy set.
        String host = "127.0.0.1:" + server.port();
        requireOk(server.api().handle(SignedRequests.signedForm(host, ACCESS_KEY_ID, SECRET, "iam", "Action=CreateUser&Version=2010-05-08&UserName=bench-user")));
        requireOk(server.api().handle(SignedRequests.signedForm(host, ACCESS_KEY_ID, SECRET, "iam", "Action=PutUserPolicy&Version=2010-05-08&UserName=bench-user&PolicyName=self&PolicyDocument="
                + java.net.URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"arn:aws:iam::123456789012:user/${aws:username}\"}}", java.nio.charset.StandardCharsets.UTF_8))));
        String key = requireOk(server.api().handle(SignedRequests.signedForm(host, ACCESS_KEY_ID, SECRET, "iam", "Action=CreateAccessKey&Version=2010-05-08&UserName=bench-user")));
        userGetUser = SignedRequests.signedForm(host, between(key, "<AccessKeyId>", "</AccessKeyId>"), between(key, "<SecretAccessKey>", "</SecretAccessKey>"), "iam",
                "Action=GetUser&Version=2010-05-08&UserName=bench-user");
        requireOk(server.api().handle(SignedRequests.copy(userGetUser)));

        // The same user may assume a role that trusts the account: identity and trust policies, credentials minted.
        requireOk(server.api().handle(SignedRequests.signedForm(host, ACCESS_KEY_ID, SECRET, "iam", "Action=PutUserPolicy&Version=2010-05-08&UserName=bench-user&PolicyName=assume&PolicyDocument="
                + java.net.URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}", java.nio.charset.StandardCharsets.UTF_8))));
        requireOk(server.api().handle(SignedRequests.signedForm(host, ACCESS_KEY_ID, SECRET, "iam", "Action=CreateRole&Version=2010-05-08&RoleName=bench-assumed&AssumeRolePolicyDocument="
                + java.net.URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}", java.nio.charset.StandardCharsets.UTF_8))));
        userAssumeRole = SignedRequests.signedForm(host, between(key, "<AccessKeyId>", "</AccessKeyId>"), between(key, "<SecretAccessKey>", "</SecretAccessKey>"), "sts",
                "Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn=" + java.net.URLEncoder.encode("arn:aws:iam::123456789012:role/bench-assumed", java.nio.charset.StandardCharsets.UTF_8));
        requireOk(server.api().handle(SignedRequests.copy(userAssumeRole)));
    }

    /** A user's AssumeRole: identity and trust policies evaluated, credentials minted and sealed into a session token. */
    @Benchmark
    public WireResponse userAssumeRole()
    {
        return server.api().handle(SignedRequests.copy(userAssumeRole));
    }

    private static String requireOk(WireResponse response)
    {
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (response.status() != 200) {
            throw new IllegalStateException("The benchmark request fails: " + body);
        }
        return body;
    }

    private static String between(String text, String open, String close)
    {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    @TearDown
    public void tearDown()
    {
        server.close();
    }

    /** A user's GetUser: authentication, authorization by the policy engine (cached policy set), a store read, XML. */
    @Benchmark
    public WireResponse userGetUserAuthorized()
    {
        return server.api().handle(SignedRequests.copy(userGetUser));
    }

    @Benchmark
    public WireResponse signedGetCallerIdentity()
    {
        return server.api().handle(SignedRequests.copy(request));
    }
}
