package dev.lanyard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.OperationModel;
import dev.lanyard.protocol.ServiceCatalog;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.AuthMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.TraitType;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never gets a 5xx: every IAM and STS operation, and every implemented EC2, Auto Scaling and EMR operation, called by the root with
 * random junk in every top-level member (strings of hostile characters, numbers out of range, malformed JSON, wrong types), answers with a 4xx error or
 * a success — never InternalFailure. Seeded, so a failure reproduces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NoServerErrorFuzzTest
{
    private static final String ACCOUNT_ID = "123456789012";
    private static final String ACCESS_KEY_ID = "AKIAFUZZTESTROOTKEY1";
    private static final String SECRET = "fuzzTestSecretAccessKey00000000000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] JUNK = {
            "", " ", "a", "x".repeat(300), "{", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "{\"Statement\":{\"Effect\":\"Allow\"}}",
            "arn:aws:iam::123456789012:role/none", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:", "*", "-1", "0", "99999999999999999999",
            "2026-13-45T99:99:99Z", "true", "%00", "\u0000", "<x/>", "../../etc/passwd", "ünïcødé", "\uD83D\uDE00", "'; DROP TABLE entities; --",
            "AIDAAAAAAAAAAAAAAAAAA", "https://example.com", "/", "/a//b/", "v1", "v9"};

    private LanyardServer server;

    @BeforeAll
    void start()
            throws IOException
    {
        server = LanyardServer.start(new ServerConfig("127.0.0.1", 0, Files.createTempDirectory("lanyard-fuzz-"), ACCOUNT_ID, "us-east-1", AuthMode.STRICT,
                Optional.of(new RootCredentials(ACCOUNT_ID, ACCESS_KEY_ID, SECRET))), Map.of(), Clock.systemUTC());
    }

    @AfterAll
    void stop()
    {
        server.close();
    }

    @Test
    void iamAndStsNeverAnswerWithAServerErrorToTheRoot()
            throws Exception
    {
        fuzz(ACCESS_KEY_ID, SECRET, 20261123);
    }

    /** An administrator user: every call also runs the policy engine, with resource ARNs rendered from the junk. */
    @Test
    void iamAndStsNeverAnswerWithAServerErrorToAnAdministrator()
            throws Exception
    {
        ok(signed(AwsService.IAM, "Action=CreateUser&Version=2010-05-08&UserName=fuzz-admin", ACCESS_KEY_ID, SECRET));
        ok(signed(AwsService.IAM, "Action=AttachUserPolicy&Version=2010-05-08&UserName=fuzz-admin&PolicyArn=" + encode("arn:aws:iam::aws:policy/AdministratorAccess"), ACCESS_KEY_ID, SECRET));
        String created = ok(signed(AwsService.IAM, "Action=CreateAccessKey&Version=2010-05-08&UserName=fuzz-admin", ACCESS_KEY_ID, SECRET));
        fuzz(between(created, "<AccessKeyId>", "</AccessKeyId>"), between(created, "<SecretAccessKey>", "</SecretAccessKey>"), 1123);
    }

    /**
     * The implemented EC2 operations, with EC2's list form ({@code Name.1}) and nested members of the structures they
     * take (filters, tag specifications, the instance profile), and junk that is sometimes a well-formed id.
     */
    @Test
    void ec2NeverAnswersWithAServerError()
            throws Exception
    {
        ok(signed(AwsService.IAM, "Action=CreateInstanceProfile&Version=2010-05-08&InstanceProfileName=fuzz", ACCESS_KEY_ID, SECRET));
        String[] nested = {".Name", ".Arn", ".Key", ".Value.1", ".ResourceType", ".Tag.1.Key", ".Tag.1.Value", ".AvailabilityZone"};
        ImplementedFuzz result = fuzzImplemented(AwsService.EC2, new Random(20261124), ".1", nested, (random, field) -> ec2Junk(random));
        assertThat(result.failures()).isEmpty();
        // The junk must reach the operations, not only the codec and the validator: errors only the operations raise.
        assertThat(result.statuses().getOrDefault(200, 0)).as("statuses %s %s", result.statuses(), result.codes()).isPositive();
        assertThat(result.codes().keySet()).as("codes %s", result.codes()).contains(
                "AssociateIamInstanceProfile:InvalidInstanceID.NotFound",
                "DisassociateIamInstanceProfile:InvalidAssociationID.NotFound",
                "ReplaceIamInstanceProfileAssociation:InvalidAssociationID.NotFound",
                "RebootInstances:InvalidInstanceID.Malformed");
    }

    /**
     * The implemented Auto Scaling operations, with Query lists ({@code Name.member.1}), nested members of tags and launch
     * templates, and junk that is sometimes the name of an existing launch configuration, group, profile or instance.
     */
    @Test
    void autoScalingNeverAnswersWithAServerError()
            throws Exception
    {
        ok(signed(AwsService.IAM, "Action=CreateRole&Version=2010-05-08&RoleName=asg-fuzz&AssumeRolePolicyDocument=" + encode("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""), ACCESS_KEY_ID, SECRET));
        ok(signed(AwsService.IAM, "Action=CreateInstanceProfile&Version=2010-05-08&InstanceProfileName=asg-fuzz", ACCESS_KEY_ID, SECRET));
        ok(signed(AwsService.IAM, "Action=AddRoleToInstanceProfile&Version=2010-05-08&InstanceProfileName=asg-fuzz&RoleName=asg-fuzz", ACCESS_KEY_ID, SECRET));
        String version = "&Version=" + AwsService.AUTOSCALING.apiVersion();
        ok(signed(AwsService.AUTOSCALING, "Action=CreateLaunchConfiguration" + version + "&LaunchConfigurationName=lc&ImageId=ami-0123456789abcdef0&InstanceType=t3.micro"
                + "&IamInstanceProfile=asg-fuzz", ACCESS_KEY_ID, SECRET));
        ok(signed(AwsService.AUTOSCALING, "Action=CreateAutoScalingGroup" + version + "&AutoScalingGroupName=group&LaunchConfigurationName=lc&MinSize=1&MaxSize=3"
                + "&AvailabilityZones.member.1=us-east-1a", ACCESS_KEY_ID, SECRET));
        String[] nested = {".Key", ".Value", ".PropagateAtLaunch", ".ResourceId", ".LaunchTemplateName", ".Version", ".Enabled"};
        ImplementedFuzz result = fuzzImplemented(AwsService.AUTOSCALING, new Random(20261125), ".member.1", nested,
                (random, field) -> autoScalingJunk(random, field.marshallingType()));
        assertThat(result.failures()).isEmpty();
        // The junk must reach the operations, not only the codec and the validator: errors only the operations raise.
        assertThat(result.statuses().getOrDefault(200, 0)).as("statuses %s %s", result.statuses(), result.codes()).isPositive();
        assertThat(result.messages()).as("codes %s", result.codes())
                .anyMatch(message -> message.startsWith("DeleteLaunchConfiguration: Launch configuration name not found"))
                .anyMatch(message -> message.startsWith("SetDesiredCapacity: AutoScalingGroup name not found"))
                .anyMatch(message -> message.startsWith("TerminateInstanceInAutoScalingGroup: Instance Id not found"))
                .anyMatch(message -> message.startsWith("DeleteAutoScalingGroup: AutoScalingGroup name not found"))
                .anyMatch(message -> message.startsWith("DescribeAutoScalingInstances: The NextToken value is invalid."));
    }

    /**
     * The implemented EMR operations, as JSON 1.1 bodies whose structures and lists are filled recursively from the SDK's
     * fields, with junk that is sometimes the id of an existing cluster or the name of an existing role or profile.
     */
    @Test
    void emrNeverAnswersWithAServerError()
            throws Exception
    {
        ok(signed(AwsService.IAM, "Action=CreateRole&Version=2010-05-08&RoleName=EMR_DefaultRole&AssumeRolePolicyDocument=" + encode("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"elasticmapreduce.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""), ACCESS_KEY_ID, SECRET));
        ok(signed(AwsService.IAM, "Action=CreateRole&Version=2010-05-08&RoleName=emr-fuzz&AssumeRolePolicyDocument=" + encode("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""), ACCESS_KEY_ID, SECRET));
        ok(signed(AwsService.IAM, "Action=CreateInstanceProfile&Version=2010-05-08&InstanceProfileName=emr-fuzz", ACCESS_KEY_ID, SECRET));
        ok(signed(AwsService.IAM, "Action=AddRoleToInstanceProfile&Version=2010-05-08&InstanceProfileName=emr-fuzz&RoleName=emr-fuzz", ACCESS_KEY_ID, SECRET));
        String created = ok(signedJson("RunJobFlow", """
                {"Name": "fuzz", "ReleaseLabel": "emr-7.1.0", "ServiceRole": "EMR_DefaultRole", "JobFlowRole": "emr-fuzz",
                 "Instances": {"MasterInstanceType": "m5.xlarge", "InstanceCount": 1, "KeepJobFlowAliveWhenNoSteps": true}}"""));
        String clusterId = JSON.readTree(created).path("JobFlowId").asText();
        Random random = new Random(20261126);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new HashMap<>();
        List<String> messages = new ArrayList<>();
        List<OperationModel> implemented = ServiceCatalog.operations(AwsService.EMR).stream()
                .filter(operation -> server.operations().find(operation.requestClass()).isPresent())
                .toList();
        assertThat(implemented).hasSizeGreaterThanOrEqualTo(10);
        for (OperationModel operation : implemented) {
            for (int round = 0; round < 60; round++) {
                ObjectNode body = emrJunk(random, fields(operation), clusterId, 0);
                if (operation.name().equals("RunJobFlow") && round % 2 == 0) {
                    // Every other call gets a well-formed skeleton, so junk roles, tags and flags reach the operation past the codec.
                    body.removeAll();
                    body.put("Name", "fuzz").set("Instances", JSON.createObjectNode().put("MasterInstanceType", "m5.xlarge").put("InstanceCount", random.nextInt(3))
                            .put("KeepJobFlowAliveWhenNoSteps", random.nextBoolean()));
                    for (String role : new String[] {"ServiceRole", "JobFlowRole", "AutoScalingRole"}) {
                        if (random.nextInt(4) != 0) {
                            body.put(role, emrString(random, clusterId));
                        }
                    }
                }
                WireResponse response = server.api().handle(signedJson(operation.name(), body.toString()));
                statuses.merge(response.status(), 1, Integer::sum);
                JsonNode answer = JSON.readTree(response.body());
                if (answer.has("__type")) {
                    messages.add(operation.name() + ": " + answer.path("__type").asText() + " " + answer.path("message").asText());
                }
                if (response.status() >= 500) {
                    failures.add(operation.name() + " " + body + " -> " + response.status() + " " + answer);
                }
            }
        }
        assertThat(failures).isEmpty();
        // The junk must reach the operations, not only the codec and the validator: errors only the operations raise.
        assertThat(statuses.getOrDefault(200, 0)).as("statuses %s", statuses).isPositive();
        assertThat(messages).as("messages %s", messages)
                .anyMatch(message -> message.startsWith("DescribeCluster: InvalidRequestException Cluster id"))
                .anyMatch(message -> message.startsWith("RunJobFlow: ValidationException") && !message.contains("validation error"));
    }

    private static ObjectNode emrJunk(Random random, List<SdkField<?>> fields, String clusterId, int depth)
    {
        ObjectNode object = JSON.createObjectNode();
        for (SdkField<?> field : fields) {
            // Nested members are rarer, or junk somewhere in RunJobFlow's deep structures would stop nearly every call in the codec.
            if (depth == 0 ? random.nextInt(6) != 0 : random.nextInt(3) == 0) {
                object.set(field.locationName(), emrJunk(random, field, clusterId, depth));
            }
        }
        return object;
    }

    private static JsonNode emrJunk(Random random, SdkField<?> field, String clusterId, int depth)
    {
        MarshallingType<?> type = field.marshallingType();
        if (depth > 3) {
            return type == MarshallingType.LIST ? JSON.createArrayNode() : JSON.createObjectNode();
        }
        if (random.nextInt(30) == 0) {
            return JSON.getNodeFactory().textNode(JUNK[random.nextInt(JUNK.length)]);
        }
        if (type == MarshallingType.INTEGER || type == MarshallingType.LONG || type == MarshallingType.DOUBLE || type == MarshallingType.INSTANT) {
            long[] numbers = {0, 1, 2, 3, -1, 101, 1_700_000_000L};
            return JSON.getNodeFactory().numberNode(numbers[random.nextInt(numbers.length)]);
        }
        if (type == MarshallingType.BOOLEAN) {
            return JSON.getNodeFactory().booleanNode(random.nextBoolean());
        }
        if (type == MarshallingType.LIST) {
            ArrayNode array = JSON.createArrayNode();
            SdkField<?> member = field.getTrait(ListTrait.class, TraitType.LIST_TRAIT).memberFieldInfo();
            for (int index = random.nextInt(3); index > 0; index--) {
                array.add(emrJunk(random, member, clusterId, depth + 1));
            }
            return array;
        }
        if (type == MarshallingType.SDK_POJO) {
            return emrJunk(random, ((SdkPojo) field.constructor().get()).sdkFields(), clusterId, depth + 1);
        }
        if (type == MarshallingType.MAP) {
            return JSON.createObjectNode().put(JUNK[random.nextInt(JUNK.length)], JUNK[random.nextInt(JUNK.length)]);
        }
        return JSON.getNodeFactory().textNode(emrString(random, clusterId));
    }

    private static String emrString(Random random, String clusterId)
    {
        String[] wellFormed = {clusterId, "j-0123456789ABC", "EMR_DefaultRole", "emr-fuzz", "arn:aws:iam::123456789012:role/EMR_DefaultRole",
                "arn:aws:iam::123456789012:instance-profile/emr-fuzz", "MASTER", "CORE", "TASK", "m5.xlarge", "emr-7.1.0", "WAITING", "RUNNING", "us-east-1a"};
        return random.nextBoolean() ? wellFormed[random.nextInt(wellFormed.length)] : JUNK[random.nextInt(JUNK.length)];
    }

    private WireRequest signedJson(String operation, String json)
    {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "ElasticMapReduce." + operation);
        SdkHttpRequest signed = RequestSigner.signPost(URI.create("http://127.0.0.1:" + server.port() + "/"), signedHeaders, body, AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET),
                AwsService.EMR.signingName(), "us-east-1");
        Map<String, List<String>> headers = new HashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name, new ArrayList<>(values)));
        return new WireRequest("POST", "/", "", headers, body, "127.0.0.1", false);
    }

    /** Numbers and booleans are mostly well-typed, or the validator would stop nearly every call that has one. */
    private static String autoScalingJunk(Random random, MarshallingType<?> type)
    {
        if ((type == MarshallingType.INTEGER || type == MarshallingType.BOOLEAN) && random.nextInt(8) != 0) {
            String[] typed = type == MarshallingType.INTEGER ? new String[] {"0", "1", "2", "3", "5", "-1", "101"} : new String[] {"true", "false"};
            return typed[random.nextInt(typed.length)];
        }
        String[] wellFormed = {"lc", "group", "asg-fuzz", "ami-0123456789abcdef0", "t3.micro", "us-east-1a", "subnet-0123456789abcdef0", "i-0123456789abcdef0",
                "arn:aws:iam::123456789012:instance-profile/asg-fuzz", "0", "1", "2", "3", "true", "false"};
        return random.nextBoolean() ? wellFormed[random.nextInt(wellFormed.length)] : JUNK[random.nextInt(JUNK.length)];
    }

    /** What the implemented operations of one service answered to the junk: 5xx answers, statuses, codes and messages by operation. */
    private record ImplementedFuzz(List<String> failures, Map<Integer, Integer> statuses, Map<String, Integer> codes, List<String> messages) {}

    @FunctionalInterface
    private interface Junk
    {
        String value(Random random, SdkField<?> field);
    }

    /** Each implemented operation of the service 60 times, each member present two times in three, lists as {@code listSuffix}, structures nested. */
    private ImplementedFuzz fuzzImplemented(AwsService service, Random random, String listSuffix, String[] nested, Junk junk)
            throws ReflectiveOperationException
    {
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new HashMap<>();
        Map<String, Integer> codes = new TreeMap<>();
        List<String> messages = new ArrayList<>();
        List<OperationModel> implemented = ServiceCatalog.operations(service).stream()
                .filter(operation -> server.operations().find(operation.requestClass()).isPresent())
                .toList();
        assertThat(implemented).hasSizeGreaterThanOrEqualTo(10);
        for (OperationModel operation : implemented) {
            List<SdkField<?>> fields = fields(operation);
            for (int round = 0; round < 60; round++) {
                StringBuilder form = new StringBuilder("Action=").append(operation.name()).append("&Version=").append(service.apiVersion());
                for (SdkField<?> field : fields) {
                    if (random.nextInt(3) == 0) {
                        continue;
                    }
                    String name = field.locationName();
                    if (field.marshallingType() == MarshallingType.LIST) {
                        name = name + listSuffix;
                    }
                    if (field.marshallingType() == MarshallingType.SDK_POJO || (field.marshallingType() == MarshallingType.LIST && random.nextBoolean())) {
                        name = name + nested[random.nextInt(nested.length)];
                    }
                    form.append('&').append(encode(name)).append('=').append(encode(junk.value(random, field)));
                }
                WireResponse response = server.api().handle(signed(service, form.toString(), ACCESS_KEY_ID, SECRET));
                statuses.merge(response.status(), 1, Integer::sum);
                String text = new String(response.body(), StandardCharsets.UTF_8);
                if (text.contains("<Code>")) {
                    codes.merge(operation.name() + ":" + between(text, "<Code>", "</Code>"), 1, Integer::sum);
                    messages.add(operation.name() + ": " + between(text, "<Message>", "</Message>"));
                }
                if (response.status() >= 500) {
                    failures.add(operation.name() + " " + form + " -> " + response.status() + " " + text);
                }
            }
        }
        return new ImplementedFuzz(failures, statuses, codes, messages);
    }

    private static String ec2Junk(Random random)
    {
        String[] wellFormed = {"ami-0123456789abcdef0", "i-0123456789abcdef0", "iip-assoc-0123456789abcdef0", "fuzz", "arn:aws:iam::123456789012:instance-profile/fuzz",
                "instance", "instance-state-name", "tag:Name", "running", "5", "1", "2", "t3.micro", "us-east-1a"};
        return random.nextBoolean() ? wellFormed[random.nextInt(wellFormed.length)] : JUNK[random.nextInt(JUNK.length)];
    }

    private String ok(WireRequest request)
    {
        WireResponse response = server.api().handle(request);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.status()).as(body).isEqualTo(200);
        return body;
    }

    private static String between(String text, String open, String close)
    {
        int start = text.indexOf(open) + open.length();
        return text.substring(start, text.indexOf(close, start));
    }

    private void fuzz(String accessKeyId, String secret, long seed)
            throws Exception
    {
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new HashMap<>();
        int calls = 0;
        for (AwsService service : new AwsService[] {AwsService.IAM, AwsService.STS}) {
            for (OperationModel operation : ServiceCatalog.operations(service)) {
                List<SdkField<?>> fields = fields(operation);
                for (int round = 0; round < 10; round++) {
                    StringBuilder form = new StringBuilder("Action=").append(operation.name()).append("&Version=").append(service.apiVersion());
                    for (SdkField<?> field : fields) {
                        if (random.nextInt(4) == 0) {
                            continue;
                        }
                        String name = field.locationName();
                        String value = JUNK[random.nextInt(JUNK.length)];
                        if (field.marshallingType() == MarshallingType.LIST) {
                            name = name + ".member.1";
                        }
                        else if (field.marshallingType() == MarshallingType.MAP || field.marshallingType() == MarshallingType.SDK_POJO) {
                            name = name + (random.nextBoolean() ? ".entry.1.key" : ".Key");
                        }
                        if (name.endsWith(".member.1") && random.nextBoolean()) {
                            // Lists of structures (Tags, ContextEntries, ...): a nested member too.
                            form.append('&').append(encode(name + ".Key")).append('=').append(encode(JUNK[random.nextInt(JUNK.length)]));
                        }
                        form.append('&').append(encode(name)).append('=').append(encode(value));
                    }
                    WireResponse response = server.api().handle(signed(service, form.toString(), accessKeyId, secret));
                    calls++;
                    statuses.merge(response.status(), 1, Integer::sum);
                    if (response.status() >= 500) {
                        failures.add(operation.name() + " " + form + " -> " + response.status() + " " + new String(response.body(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(1000);
        assertThat(failures).isEmpty();
        // The junk must reach the operations, not only the validator: some calls succeed, most are refused with a 4xx.
        assertThat(statuses.getOrDefault(200, 0)).as("statuses %s", statuses).isGreaterThan(50);
        assertThat(statuses.getOrDefault(400, 0)).as("statuses %s", statuses).isGreaterThan(500);
    }

    private static List<SdkField<?>> fields(OperationModel operation)
            throws ReflectiveOperationException
    {
        Method builder = operation.requestClass().getMethod("builder");
        return ((SdkPojo) builder.invoke(null)).sdkFields();
    }

    private WireRequest signed(AwsService service, String form, String accessKeyId, String secret)
    {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedHeaders = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        SdkHttpRequest signed = RequestSigner.signPost(URI.create("http://127.0.0.1:" + server.port() + "/"), signedHeaders, body, AwsBasicCredentials.create(accessKeyId, secret), service.signingName(), "us-east-1");
        Map<String, List<String>> headers = new HashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name, new ArrayList<>(values)));
        return new WireRequest("POST", "/", "", headers, body, "127.0.0.1", false);
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
