package dev.lanyard.policy.json;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A parsed JSON value; object members keep document order so messages and positions follow the text. */
public sealed interface JsonValue
{
    record JsonObject(Map<String, JsonValue> members)
            implements JsonValue
    {
        public JsonObject
        {
            requireNonNull(members, "members is null");
        }
    }

    record JsonArray(List<JsonValue> elements)
            implements JsonValue
    {
        public JsonArray
        {
            elements = List.copyOf(requireNonNull(elements, "elements is null"));
        }
    }

    record JsonString(String value)
            implements JsonValue
    {
        public JsonString
        {
            requireNonNull(value, "value is null");
        }
    }

    /** A number kept as written: AWS compares condition values as text unless the operator says otherwise. */
    record JsonNumber(String text)
            implements JsonValue
    {
        public JsonNumber
        {
            requireNonNull(text, "text is null");
        }
    }

    record JsonBoolean(boolean value)
            implements JsonValue {}

    record JsonNull()
            implements JsonValue {}
}
