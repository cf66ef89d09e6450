package dev.lanyard.policy.corpus;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.MatchedStatement;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.PrincipalKind;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import dev.lanyard.policy.json.JsonReader;
import dev.lanyard.policy.json.JsonValue;
import dev.lanyard.policy.json.JsonValue.JsonArray;
import dev.lanyard.policy.json.JsonValue.JsonBoolean;
import dev.lanyard.policy.json.JsonValue.JsonNumber;
import dev.lanyard.policy.json.JsonValue.JsonObject;
import dev.lanyard.policy.json.JsonValue.JsonString;
import dev.lanyard.policy.reference.ReferenceEvaluator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case of the JSON files under {@code corpus/}: the compiled engine and the reference evaluator must both
 * give the expected decision, layer and matched statements. The format is described in corpus/README.md.
 */
final class PolicyCorpusTest
{
    static final String DEFAULT_ACCOUNT = "111122223333";
    static final String DEFAULT_USER = "arn:aws:iam::111122223333:user/bob";

    @TestFactory
    Stream<DynamicTest> corpus()
            throws IOException, URISyntaxException
    {
        Path directory = Path.of(PolicyCorpusTest.class.getResource("/corpus").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                tests.addAll(casesOf(file));
            }
        }
        assertThat(tests.size()).as("corpus size").isGreaterThanOrEqualTo(300);
        return tests.stream();
    }

    static int countCases()
            throws IOException, URISyntaxException
    {
        Path directory = Path.of(PolicyCorpusTest.class.getResource("/corpus").toURI());
        int count = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                count += casesOf(file).size();
            }
        }
        return count;
    }

    private static List<DynamicTest> casesOf(Path file)
    {
        String text;
        try {
            text = Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonObject root = (JsonObject) JsonReader.read(text).orElseThrow(() -> new IllegalArgumentException("bad JSON in " + file));
        Map<PolicyLayer, List<CompiledPolicy>> layers = new LinkedHashMap<>();
        Map<PolicyLayer, List<dev.lanyard.policy.document.PolicyDocument>> documents = new LinkedHashMap<>();
        Map<String, dev.lanyard.policy.document.PolicyDocument> byId = new LinkedHashMap<>();
        JsonObject policies = (JsonObject) root.members().get("policies");
        for (Map.Entry<String, JsonValue> entry : policies.members().entrySet()) {
            PolicyLayer layer = PolicyLayer.valueOf(entry.getKey());
            PolicyUse use = switch (layer) {
                case RESOURCE -> ((JsonObject) entry.getValue()).members().containsKey("trust") ? PolicyUse.TRUST : PolicyUse.RESOURCE;
                case SESSION -> PolicyUse.SESSION;
                case ORGANIZATION, IDENTITY, PERMISSIONS_BOUNDARY, ACCOUNT_ROOT -> PolicyUse.IDENTITY;
            };
            List<CompiledPolicy> compiled = new ArrayList<>();
            for (Map.Entry<String, JsonValue> policy : ((JsonObject) entry.getValue()).members().entrySet()) {
                String policyId = policy.getKey().equals("trust") ? "trust" : policy.getKey();
                var document = PolicyValidation.parse(JsonText.write(policy.getValue()), use);
                compiled.add(CompiledPolicy.compile(policyId, document));
                byId.put(policyId, document);
            }
            layers.put(layer, compiled);
        }
        Optional<PolicyGroup> resource = Optional.ofNullable(layers.get(PolicyLayer.RESOURCE)).map(list -> PolicyGroup.of(PolicyLayer.RESOURCE, list));
        PolicySet policySet = new PolicySet(
                Optional.ofNullable(layers.get(PolicyLayer.ORGANIZATION)).map(list -> PolicyGroup.of(PolicyLayer.ORGANIZATION, list)),
                PolicyGroup.of(PolicyLayer.IDENTITY, layers.getOrDefault(PolicyLayer.IDENTITY, List.of())),
                Optional.ofNullable(layers.get(PolicyLayer.PERMISSIONS_BOUNDARY)).map(list -> PolicyGroup.of(PolicyLayer.PERMISSIONS_BOUNDARY, list)),
                Optional.ofNullable(layers.get(PolicyLayer.SESSION)).map(list -> PolicyGroup.of(PolicyLayer.SESSION, list)));

        JsonObject defaults = (JsonObject) root.members().getOrDefault("defaults", new JsonObject(Map.of()));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonValue caseValue : ((JsonArray) root.members().get("cases")).elements()) {
            JsonObject testCase = (JsonObject) caseValue;
            String name = file.getFileName() + ": " + string(testCase, "name").orElse("case " + tests.size());
            tests.add(DynamicTest.dynamicTest(name, () -> {
                RequestContext request = request(testCase, defaults);
                Decision decision = policySet.decide(request, resource);
                Decision reference = ReferenceEvaluator.decide(policySet, resource, request);
                String expected = string(testCase, "expect").orElseThrow();
                assertThat(decision.result().awsName()).as("decision of %s", request).isEqualTo(expected);
                string(testCase, "layer").ifPresent(layer -> assertThat(decision.layer().name()).as("layer").isEqualTo(layer));
                if (testCase.members().containsKey("matched")) {
                    List<String> matched = strings(testCase.members().get("matched"));
                    assertThat(decision.matchedStatements().stream().map(PolicyCorpusTest::describe).toList())
                            .as("matched statements").containsExactlyInAnyOrderElementsOf(matched);
                }
                assertThat(reference).as("reference evaluator").isEqualTo(decision);
            }));
        }
        return tests;
    }

    /** "policyId#index", or "policyId#Sid" when the statement has a Sid. */
    static String describe(MatchedStatement statement)
    {
        return statement.policyId() + "#" + statement.sid().orElse(Integer.toString(statement.statementIndex()));
    }

    private static RequestContext request(JsonObject testCase, JsonObject defaults)
    {
        String action = string(testCase, "action").or(() -> string(defaults, "action")).orElseThrow();
        String resource = string(testCase, "resource").or(() -> string(defaults, "resource")).orElse("*");
        JsonObject principalSpec = (JsonObject) Optional.ofNullable(testCase.members().get("principal")).orElse(defaults.members().get("principal"));
        RequestContext.Builder builder = RequestContext.builder(principal(principalSpec), action, resource);
        string(testCase, "resourceAccount").or(() -> string(defaults, "resourceAccount")).ifPresent(builder::resourceAccount);
        Map<String, JsonValue> context = new LinkedHashMap<>();
        if (defaults.members().get("context") instanceof JsonObject defaultContext) {
            context.putAll(defaultContext.members());
        }
        if (testCase.members().get("context") instanceof JsonObject caseContext) {
            context.putAll(caseContext.members());
        }
        for (Map.Entry<String, JsonValue> entry : context.entrySet()) {
            if (entry.getValue() instanceof JsonArray array) {
                builder.putAll(entry.getKey(), array.elements().stream().map(PolicyCorpusTest::contextValue).toList());
            }
            else if (!(entry.getValue() instanceof JsonValue.JsonNull)) {
                builder.put(entry.getKey(), contextValue(entry.getValue()));
            }
        }
        return builder.build();
    }

    private static ContextValue contextValue(JsonValue value)
    {
        return switch (value) {
            case JsonString string -> ContextValue.string(string.value());
            case JsonNumber number -> ContextValue.number(number.text());
            case JsonBoolean bool -> ContextValue.bool(bool.value());
            case JsonObject typed -> {
                Map.Entry<String, JsonValue> only = typed.members().entrySet().iterator().next();
                String text = ((JsonString) only.getValue()).value();
                yield switch (only.getKey()) {
                    case "date" -> ContextValue.date(Instant.parse(text));
                    case "ip" -> ContextValue.ipAddress(text);
                    case "arn" -> ContextValue.arn(text);
                    case "binary" -> ContextValue.binary(Base64.getDecoder().decode(text));
                    case "number" -> ContextValue.number(text);
                    default -> throw new IllegalArgumentException("unknown context value type " + only.getKey());
                };
            }
            default -> throw new IllegalArgumentException("unsupported context value " + value);
        };
    }

    private static RequestPrincipal principal(JsonObject spec)
    {
        if (spec == null) {
            return RequestPrincipal.user(DEFAULT_ACCOUNT, DEFAULT_USER);
        }
        PrincipalKind kind = PrincipalKind.valueOf(string(spec, "kind").orElse("USER"));
        String account = string(spec, "account").orElse(DEFAULT_ACCOUNT);
        return switch (kind) {
            case ACCOUNT_ROOT -> RequestPrincipal.root(account);
            case USER -> RequestPrincipal.user(account, string(spec, "arn").orElse(DEFAULT_USER));
            case ASSUMED_ROLE -> RequestPrincipal.roleSession(account, string(spec, "role").orElseThrow(), string(spec, "arn").orElseThrow());
            case SERVICE -> RequestPrincipal.service(string(spec, "arn").orElseThrow());
            case WEB_IDENTITY -> RequestPrincipal.webIdentity(string(spec, "arn").orElseThrow());
            case ANONYMOUS -> RequestPrincipal.anonymous();
            case FEDERATED_USER -> new RequestPrincipal(kind, string(spec, "arn").orElseThrow(), Optional.of(account), Optional.empty(), Optional.empty());
        };
    }

    private static Optional<String> string(JsonObject object, String name)
    {
        return object.members().get(name) instanceof JsonString string ? Optional.of(string.value()) : Optional.empty();
    }

    private static List<String> strings(JsonValue value)
    {
        return ((JsonArray) value).elements().stream().map(element -> ((JsonString) element).value()).toList();
    }
}
