package dev.lanyard.policy.json;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A parsed JSON value; object members keep document order so messages and positions follow the text. */
public sealed interface JsonValue
{
    /** @param start the opening brace; @param end just after the closing brace */
    record JsonObject(Map<String, JsonValue> members, TextPosition start, TextPosition end)
            implements JsonValue
    {
        public JsonObject
        {
            requireNonNull(members, "members is null");
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
        }

        public JsonObject(Map<String, JsonValue> members)
        {
            this(members, TextPosition.UNKNOWN, TextPosition.UNKNOWN);
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
