package dev.lanyard.policy.corpus;

import dev.lanyard.policy.json.JsonValue;
import dev.lanyard.policy.json.JsonValue.JsonArray;
import dev.lanyard.policy.json.JsonValue.JsonBoolean;
import dev.lanyard.policy.json.JsonValue.JsonNull;
import dev.lanyard.policy.json.JsonValue.JsonNumber;
import dev.lanyard.policy.json.JsonValue.JsonObject;
import dev.lanyard.policy.json.JsonValue.JsonString;

import java.util.Map;

/** Writes a JSON tree back to text, so corpus files can hold policies as JSON rather than escaped strings. */
public final class JsonText
{
    private JsonText() {}

    public static String write(JsonValue value)
    {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out)
    {
        switch (value) {
            case JsonObject object -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(member.getKey(), out);
                    out.append(':');
                    write(member.getValue(), out);
                }
                out.append('}');
            }
            case JsonArray array -> {
                out.append('[');
                for (int index = 0; index < array.elements().size(); index++) {
                    if (index > 0) {
                        out.append(',');
                    }
                    write(array.elements().get(index), out);
                }
                out.append(']');
            }
            case JsonString string -> string(string.value(), out);
            case JsonNumber number -> out.append(number.text());
            case JsonBoolean bool -> out.append(bool.value());
            case JsonNull ignored -> out.append("null");
        }
    }

    public static void string(String text, StringBuilder out)
    {
        out.append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (character < 0x20) {
                        out.append(String.format("\\u%04x", (int) character));
                    }
                    else {
                        out.append(character);
                    }
                }
            }
        }
        out.append('"');
    }
}
