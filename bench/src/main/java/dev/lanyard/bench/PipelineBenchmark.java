package dev.lanyard.bench;

import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.server.LanyardServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;

import static dev.lanyard.bench.BenchmarkAccount.ROOT_ACCESS_KEY_ID;
import static dev.lanyard.bench.BenchmarkAccount.ROOT_SECRET_ACCESS_KEY;

/** Whole signed requests through the request pipeline (route, authenticate, decode, validate, invoke, encode), without HTTP. */
public class PipelineBenchmark
        extends AbstractBenchmark
{
    private LanyardServer server;
    private WireRequest request;
    private WireRequest userGetUser;
    private WireRequest userAssumeRole;
    private WireRequest sessionGetCallerIdentity;

    @Setup
    public void setUp()
            throws IOException
    {
        server = BenchmarkAccount.startServer("lanyard-bench-");
        request = SignedRequests.signedForm("127.0.0.1:" + server.port(), ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
        requireOk(server.api().handle(SignedRequests.copy(request)));

        // An IAM user whose inline policy allows iam:GetUser on itself: the call runs the policy engine over a cached policy set.
        String host = "127.0.0.1:" + server.port();
        requireOk(server.api().handle(SignedRequests.signedForm(host, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, "iam", "Action=CreateUser&Version=2010-05-08&UserName=bench-user")));
        requireOk(server.api().handle(SignedRequests.signedForm(host, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, "iam", "Action=PutUserPolicy&Version=2010-05-08&UserName=bench-user&PolicyName=self&PolicyDocument="
                + java.net.URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"iam:Get*\",\"iam:List*\"],\"Resource\":\"arn:aws:iam::123456789012:user/${aws:username}\"}}", java.nio.charset.StandardCharsets.UTF_8))));
        String key = requireOk(server.api().handle(SignedRequests.signedForm(host, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, "iam", "Action=CreateAccessKey&Version=2010-05-08&UserName=bench-user")));
        userGetUser = SignedRequests.signedForm(host, between(key, "<AccessKeyId>", "</AccessKeyId>"), between(key, "<SecretAccessKey>", "</SecretAccessKey>"), "iam",
                "Action=GetUser&Version=2010-05-08&UserName=bench-user");
        requireOk(server.api().handle(SignedRequests.copy(userGetUser)));

        // The same user may assume a role that trusts the account: identity and trust policies, credentials minted.
        requireOk(server.api().handle(SignedRequests.signedForm(host, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, "iam", "Action=PutUserPolicy&Version=2010-05-08&UserName=bench-user&PolicyName=assume&PolicyDocument="
                + java.net.URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}", java.nio.charset.StandardCharsets.UTF_8))));
        requireOk(server.api().handle(SignedRequests.signedForm(host, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, "iam", "Action=CreateRole&Version=2010-05-08&RoleName=bench-assumed&AssumeRolePolicyDocument="
                + java.net.URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}", java.nio.charset.StandardCharsets.UTF_8))));
        userAssumeRole = SignedRequests.signedForm(host, between(key, "<AccessKeyId>", "</AccessKeyId>"), between(key, "<SecretAccessKey>", "</SecretAccessKey>"), "sts",
                "Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn=" + java.net.URLEncoder.encode("arn:aws:iam::123456789012:role/bench-assumed", java.nio.charset.StandardCharsets.UTF_8));
        String assumed = requireOk(server.api().handle(SignedRequests.copy(userAssumeRole)));

        // The assumed role's temporary credentials: the session token is opened and checked on every request.
        sessionGetCallerIdentity = SignedRequests.signedForm(host, AwsSessionCredentials.create(between(assumed, "<AccessKeyId>", "</AccessKeyId>"),
                        between(assumed, "<SecretAccessKey>", "</SecretAccessKey>"), between(assumed, "<SessionToken>", "</SessionToken>")),
                "sts", "Action=GetCallerIdentity&Version=2011-06-15");
        requireOk(server.api().handle(SignedRequests.copy(sessionGetCallerIdentity)));
    }

    /** GetCallerIdentity with a role session's temporary credentials: token opened, no database read. */
    @Benchmark
    public WireResponse sessionGetCallerIdentity()
    {
        return server.api().handle(SignedRequests.copy(sessionGetCallerIdentity));
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
