package dev.lanyard.policy.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lanyard.policy.json.JsonValue.JsonArray;
import dev.lanyard.policy.json.JsonValue.JsonBoolean;
import dev.lanyard.policy.json.JsonValue.JsonNull;
import dev.lanyard.policy.json.JsonValue.JsonNumber;
import dev.lanyard.policy.json.JsonValue.JsonObject;
import dev.lanyard.policy.json.JsonValue.JsonString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one JSON document into a {@link JsonValue} tree with the streaming parser.
 *
 * <p>Returns empty for anything that is not exactly one well-formed JSON value: trailing text, duplicate member names
 * (AWS refuses them rather than picking one), nesting beyond Jackson's limit.
 */
public final class JsonReader
{
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonReader() {}

    public static Optional<JsonValue> read(String text)
    {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            Optional<JsonValue> value = readValue(parser, first);
            if (value.isEmpty() || parser.nextToken() != null) {
                return Optional.empty();
            }
            return value;
        }
        catch (IOException | RuntimeException malformed) {
            // Jackson reports constraint violations (depth, length) as runtime exceptions in some versions
            return Optional.empty();
        }
    }

    private static TextPosition position(JsonParser parser, int columnOffset)
    {
        var location = parser.currentTokenLocation();
        return new TextPosition(location.getLineNr(), location.getColumnNr() + columnOffset);
    }

    private static Optional<JsonValue> readValue(JsonParser parser, JsonToken token)
            throws IOException
    {
        switch (token) {
            case START_OBJECT -> {
                TextPosition start = position(parser, 0);
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    if (next != JsonToken.FIELD_NAME) {
                        return Optional.empty();
                    }
                    String name = parser.currentName();
                    Optional<JsonValue> member = readValue(parser, parser.nextToken());
                    if (member.isEmpty() || members.putIfAbsent(name, member.get()) != null) {
                        return Optional.empty();
                    }
                }
                return Optional.of(new JsonObject(Collections.unmodifiableMap(members), start, position(parser, 1)));
            }
            case START_ARRAY -> {
                List<JsonValue> elements = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    Optional<JsonValue> element = readValue(parser, next);
                    if (element.isEmpty()) {
                        return Optional.empty();
                    }
                    elements.add(element.get());
                }
                return Optional.of(new JsonArray(elements));
            }
            case VALUE_STRING -> {
                return Optional.of(new JsonString(parser.getText()));
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return Optional.of(new JsonNumber(parser.getText()));
            }
            case VALUE_TRUE -> {
                return Optional.of(new JsonBoolean(true));
            }
            case VALUE_FALSE -> {
                return Optional.of(new JsonBoolean(false));
            }
            case VALUE_NULL -> {
                return Optional.of(new JsonNull());
            }
            case END_OBJECT, END_ARRAY, FIELD_NAME, NOT_AVAILABLE, VALUE_EMBEDDED_OBJECT -> {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
