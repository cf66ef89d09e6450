package dev.lanyard.protocol.query;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.shape.Member;
import dev.lanyard.protocol.shape.Shape;
import dev.lanyard.protocol.shape.Timestamps;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Fills an SDK builder from form parameters, for the awsQuery and the EC2 dialect. The dialects differ only in list names:
 * awsQuery writes {@code Name.member.N} (and {@code Name=} for an empty list), EC2 writes {@code Name.N}.
 * Parameters the model does not know are ignored, as AWS does.
 */
final class QueryRequestReader
{
    private final Map<String, String> parameters;
    private final boolean ec2;
    private NavigableSet<String> sortedNames;

    QueryRequestReader(Map<String, String> parameters, boolean ec2)
    {
        this.parameters = requireNonNull(parameters, "parameters is null");
        this.ec2 = ec2;
    }

    void fill(SdkPojo builder, String prefix)
    {
        for (Member member : Shape.of(builder).members()) {
            Object value = read(member, prefix.isEmpty() ? member.queryName() : prefix + member.queryName());
            if (value != null) {
                member.set(builder, value);
            }
        }
    }

    /** The value at this path, or null when the request has none. */
    private Object read(Member member, String path)
    {
        return switch (member.kind()) {
            case STRUCTURE -> {
                if (!hasChildren(path)) {
                    yield null;
                }
                SdkPojo builder = member.newBuilder();
                fill(builder, path + ".");
                yield Shape.build(builder);
            }
            case LIST -> readList(member, path);
            case MAP -> readMap(member, path);
            case STRING, INTEGER, LONG, SHORT, BYTE, FLOAT, DOUBLE, BIG_DECIMAL, BOOLEAN, TIMESTAMP, BLOB -> {
                String text = parameters.get(path);
                yield text == null ? null : scalar(member, path, text);
            }
            // Documents have no Query form, and no Query service models one.
            case DOCUMENT, NULL -> null;
        };
    }

    private List<Object> readList(Member member, String path)
    {
        String elementPrefix = ec2 || member.flattened() ? path + "." : path + "." + member.elementQueryName() + ".";
        List<Object> values = null;
        for (int index = 1; ; index++) {
            Object value = read(member.element(), elementPrefix + index);
            if (value == null) {
                break;
            }
            if (values == null) {
                values = new ArrayList<>();
            }
            values.add(value);
        }
        if (values == null && parameters.containsKey(path) && parameters.get(path).isEmpty()) {
            // awsQuery sends an empty list as "Name=".
            return new ArrayList<>();
        }
        return values;
    }

    private Map<String, Object> readMap(Member member, String path)
    {
        String entryPrefix = member.flattened() ? path + "." : path + ".entry.";
        Map<String, Object> values = null;
        for (int index = 1; ; index++) {
            String entry = entryPrefix + index + ".";
            String key = parameters.get(entry + member.mapKeyName());
            if (key == null) {
                break;
            }
            Object value = read(member.element(), entry + member.mapValueName());
            if (values == null) {
                values = new LinkedHashMap<>();
            }
            values.put(key, value);
        }
        if (values == null && parameters.containsKey(path) && parameters.get(path).isEmpty()) {
            return new LinkedHashMap<>();
        }
        return values;
    }

    private Object scalar(Member member, String path, String text)
    {
        try {
            return switch (member.kind()) {
                case STRING -> text;
                case INTEGER -> Integer.valueOf(text.trim());
                case LONG -> Long.valueOf(text.trim());
                case SHORT -> Short.valueOf(text.trim());
                case BYTE -> Byte.valueOf(text.trim());
                case FLOAT -> Float.valueOf(text.trim());
                case DOUBLE -> Double.valueOf(text.trim());
                case BIG_DECIMAL -> new BigDecimal(text.trim());
                case BOOLEAN -> parseBoolean(text);
                case TIMESTAMP -> Timestamps.parse(text);
                case BLOB -> SdkBytes.fromByteArray(Base64.getMimeDecoder().decode(text));
                case STRUCTURE, LIST, MAP, DOCUMENT, NULL -> throw new IllegalStateException("not a scalar: " + member.kind());
            };
        }
        catch (IllegalArgumentException malformed) {
            // NumberFormatException and DateTimeParseException's wrapper are both IllegalArgumentExceptions.
            throw malformedValue(member, path, text);
        }
    }

    private static Boolean parseBoolean(String text)
    {
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    private AwsErrorException malformedValue(Member member, String path, String text)
    {
        String expected = switch (member.kind()) {
            case INTEGER, LONG, SHORT, BYTE -> "an integer";
            case FLOAT, DOUBLE, BIG_DECIMAL -> "a number";
            case BOOLEAN -> "a boolean (true or false)";
            case TIMESTAMP -> "an ISO-8601 timestamp";
            case BLOB -> "base64-encoded data";
            case STRING, STRUCTURE, LIST, MAP, DOCUMENT, NULL -> "a valid value";
        };
        if (ec2) {
            return new AwsErrorException("InvalidParameterValue", "Invalid value '" + text + "' for " + path + ". Expected " + expected + ".", 400);
        }
        return new AwsErrorException("ValidationError", "Value '" + text + "' for parameter " + path + " is invalid. Expected " + expected + ".", 400);
    }

    private boolean hasChildren(String path)
    {
        NavigableSet<String> names = sortedNames;
        if (names == null) {
            names = new TreeSet<>(parameters.keySet());
            sortedNames = names;
        }
        String prefix = path + ".";
        String candidate = names.ceiling(prefix);
        return candidate != null && candidate.startsWith(prefix);
    }
}
