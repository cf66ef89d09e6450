package dev.lanyard.policy;

import dev.lanyard.policy.json.JsonReader;
import dev.lanyard.policy.json.JsonValue.JsonArray;
import dev.lanyard.policy.json.JsonValue.JsonObject;
import dev.lanyard.policy.json.JsonValue.JsonString;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** validation/cases.json: a policy text, its use, and AWS's message (null when AWS accepts the policy). */
final class ValidationCorpusTest
{
    @TestFactory
    Stream<DynamicTest> cases()
            throws IOException
    {
        String text;
        try (InputStream input = ValidationCorpusTest.class.getResourceAsStream("/validation/cases.json")) {
            text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonObject root = (JsonObject) JsonReader.read(text).orElseThrow();
        return ((JsonArray) root.members().get("cases")).elements().stream().map(element -> {
            JsonObject testCase = (JsonObject) element;
            String name = ((JsonString) testCase.members().get("name")).value();
            PolicyUse use = PolicyUse.valueOf(((JsonString) testCase.members().get("use")).value());
            String policy = ((JsonString) testCase.members().get("policy")).value();
            return DynamicTest.dynamicTest(name, () -> {
                if (testCase.members().get("error") instanceof JsonString error) {
                    assertThatThrownBy(() -> PolicyValidation.validate(policy, use))
                            .isInstanceOf(MalformedPolicyException.class)
                            .hasMessage(error.value());
                }
                else {
                    assertThat(PolicyValidation.validate(policy, use).text()).isEqualTo(policy);
                }
            });
        });
    }
}
