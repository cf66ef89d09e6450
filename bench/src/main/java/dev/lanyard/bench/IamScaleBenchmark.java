package dev.lanyard.bench;

import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.server.LanyardServer;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamIds;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.store.Entity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.lanyard.bench.BenchmarkAccount.ACCOUNT_ID;
import static dev.lanyard.bench.BenchmarkAccount.ROOT_ACCESS_KEY_ID;
import static dev.lanyard.bench.BenchmarkAccount.ROOT_SECRET_ACCESS_KEY;

/**
 * IAM at scale: GetRole, a ListRoles page and CreateRole through the whole pipeline (SigV4, validation, store, encoding),
 * in an account with 1,000 and with 100,000 roles. Sample mode, so the results carry percentiles (p99 is the target:
 * within 2x between the two sizes).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class IamScaleBenchmark
        extends AbstractBenchmark
{
    private static final String TRUST_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final int INSERT_BATCH = 10_000;

    @Param({"1000", "100000"})
    public int roles;

    private LanyardServer server;
    private WireRequest getRole;
    private WireRequest listRolesPage;
    private final AtomicLong created = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp()
            throws IOException
    {
        server = BenchmarkAccount.startServer("lanyard-iam-scale-");
        populate(roles);
        getRole = signed("Action=GetRole&Version=2010-05-08&RoleName=" + roleName(roles / 2));
        listRolesPage = signed("Action=ListRoles&Version=2010-05-08&MaxItems=100&Marker=" + encode(dev.lanyard.services.iam.IamPaging.marker(roleName(roles / 2))));
        requireOk(server.api().handle(SignedRequests.copy(getRole)));
        requireOk(server.api().handle(SignedRequests.copy(listRolesPage)));
    }

    /** Roles written straight into the store in large transactions: creating 100,000 through the API would take minutes of fsyncs. */
    private void populate(int count)
    {
        String body = EntityJson.write(new RoleBody(TRUST_POLICY, List.of(), null, 3600, null, List.of(), null, null, null));
        Instant now = Instant.now();
        for (int start = 0; start < count; start += INSERT_BATCH) {
            int from = start;
            int to = Math.min(count, start + INSERT_BATCH);
            server.store().write(transaction -> {
                for (int index = from; index < to; index++) {
                    transaction.insertEntity(Entity.create(ACCOUNT_ID, EntityKinds.ROLE, IamIds.newId(IamIds.ROLE), roleName(index), "/", body, now));
                }
                return null;
            });
        }
    }

    private static String roleName(int index)
    {
        return String.format("role-%07d", index);
    }

    private WireRequest signed(String form)
    {
        return SignedRequests.signedForm("127.0.0.1:" + server.port(), ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, "iam", form);
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static WireResponse requireOk(WireResponse response)
    {
        if (response.status() != 200) {
            throw new IllegalStateException("Benchmark request failed: " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        server.close();
    }

    @Benchmark
    public WireResponse getRole()
    {
        return requireOk(server.api().handle(SignedRequests.copy(getRole)));
    }

    @Benchmark
    public WireResponse listRolesPage()
    {
        return requireOk(server.api().handle(SignedRequests.copy(listRolesPage)));
    }

    /** Every role, in pages of 1,000: the time per role must not grow with the account (no offsets, no rescans). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int walkAllRoles()
    {
        int seen = 0;
        String marker = null;
        do {
            String form = "Action=ListRoles&Version=2010-05-08&MaxItems=1000" + (marker == null ? "" : "&Marker=" + encode(marker));
            String xml = new String(requireOk(server.api().handle(signed(form))).body(), StandardCharsets.UTF_8);
            seen += count(xml, "<RoleName>");
            marker = xml.contains("<IsTruncated>true</IsTruncated>") ? between(xml, "<Marker>", "</Marker>") : null;
        }
        while (marker != null);
        if (seen < roles) {
            throw new IllegalStateException("The walk saw " + seen + " of " + roles + " roles");
        }
        return seen;
    }

    private static int count(String text, String needle)
    {
        int count = 0;
        for (int index = text.indexOf(needle); index >= 0; index = text.indexOf(needle, index + needle.length())) {
            count++;
        }
        return count;
    }

    private static String between(String text, String open, String close)
    {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    @Benchmark
    public WireResponse createRole()
    {
        // Signed per call: every role needs a new name. Signing costs a few microseconds against a durable write's hundreds.
        String name = "created-" + created.incrementAndGet();
        return requireOk(server.api().handle(signed("Action=CreateRole&Version=2010-05-08&RoleName=" + name + "&AssumeRolePolicyDocument=" + encode(TRUST_POLICY))));
    }
}
