package dev.lanyard.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.protocol.OperationModel;
import dev.lanyard.protocol.ProtocolCodec;
import dev.lanyard.protocol.WireRequest;
import dev.lanyard.protocol.WireResponse;
import dev.lanyard.protocol.shape.Builders;
import dev.lanyard.protocol.shape.Member;
import dev.lanyard.protocol.shape.Shape;
import dev.lanyard.protocol.shape.Timestamps;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The awsJson1_1 protocol (EMR): the operation in {@code X-Amz-Target: Prefix.Operation}, JSON bodies with members by
 * their model names, timestamps as epoch seconds, errors as {@code {"__type": code, "message": ..}}.
 * Reads and writes with Jackson's streaming API: no tree, no data binding.
 */
public final class JsonCodec
        implements ProtocolCodec
{
    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private final String targetPrefix;

    public JsonCodec(AwsService service)
    {
        this.targetPrefix = requireNonNull(service, "service is null").jsonTargetPrefix()
                .orElseThrow(() -> new IllegalArgumentException(service + " has no JSON target prefix")) + ".";
    }

    @Override
    public Optional<String> operationName(WireRequest request)
    {
        return request.header("x-amz-target")
                .filter(target -> target.startsWith(targetPrefix) && target.length() > targetPrefix.length())
                .map(target -> target.substring(targetPrefix.length()));
    }

    @Override
    public SdkRequest decodeRequest(OperationModel operation, WireRequest request)
    {
        SdkPojo builder = Builders.newBuilder(operation.requestClass());
        byte[] body = request.body();
        if (isBlank(body)) {
            return (SdkRequest) Shape.build(builder);
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw serializationError("Start of structure or map expected, found " + describe(parser.currentToken()) + ".");
            }
            readStructure(parser, builder);
            if (parser.nextToken() != null) {
                throw serializationError("Unexpected content after the end of the JSON object.");
            }
        }
        catch (ArithmeticException | java.time.DateTimeException outOfRange) {
            // A number too large for its member (intValueExact) or a timestamp beyond Instant's range.
            throw serializationError("Number out of range: " + outOfRange.getMessage());
        }
        catch (IOException malformed) {
            // Jackson's parse errors (StreamReadException) are IOExceptions; the body is in memory, so there is no real I/O.
            throw serializationError("Invalid JSON: " + firstLine(malformed.getMessage()));
        }
        return (SdkRequest) Shape.build(builder);
    }

    private static boolean isBlank(byte[] body)
    {
        for (byte value : body) {
            if (value != ' ' && value != '\n' && value != '\r' && value != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Reads the members of an object whose START_OBJECT has been consumed, up to and including its END_OBJECT. */
    private static void readStructure(JsonParser parser, SdkPojo builder)
            throws IOException
    {
        Shape shape = Shape.of(builder);
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            Member member = shape.member(parser.currentName());
            JsonToken valueToken = parser.nextToken();
            if (member == null) {
                // Unknown members are ignored, as AWS does.
                parser.skipChildren();
                continue;
            }
            Object value = readValue(parser, member, valueToken);
            if (value != null) {
                member.set(builder, value);
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw serializationError("Unexpected " + describe(token) + " in a structure.");
        }
    }

    private static Object readValue(JsonParser parser, Member member, JsonToken token)
            throws IOException
    {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        return switch (member.kind()) {
            case STRUCTURE -> {
                expect(token, JsonToken.START_OBJECT, member);
                SdkPojo builder = member.newBuilder();
                readStructure(parser, builder);
                yield Shape.build(builder);
            }
            case LIST -> {
                expect(token, JsonToken.START_ARRAY, member);
                List<Object> values = new ArrayList<>();
                JsonToken elementToken;
                while ((elementToken = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (elementToken == null) {
                        throw serializationError("Unterminated list " + member.memberName() + ".");
                    }
                    values.add(readValue(parser, member.element(), elementToken));
                }
                yield values;
            }
            case MAP -> {
                expect(token, JsonToken.START_OBJECT, member);
                Map<String, Object> values = new LinkedHashMap<>();
                JsonToken keyToken;
                while ((keyToken = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    values.put(key, readValue(parser, member.element(), parser.nextToken()));
                }
                if (keyToken != JsonToken.END_OBJECT) {
                    throw serializationError("Unterminated map " + member.memberName() + ".");
                }
                yield values;
            }
            case STRING -> {
                expectScalar(token, JsonToken.VALUE_STRING, member);
                yield parser.getText();
            }
            case BOOLEAN -> {
                if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                    throw mismatch(member, token, "Boolean");
                }
                yield token == JsonToken.VALUE_TRUE;
            }
            case INTEGER -> integral(parser, member, token).intValueExact();
            case LONG -> integral(parser, member, token).longValueExact();
            case SHORT -> integral(parser, member, token).shortValueExact();
            case BYTE -> integral(parser, member, token).byteValueExact();
            case FLOAT -> (float) number(parser, member, token).doubleValue();
            case DOUBLE -> number(parser, member, token).doubleValue();
            case BIG_DECIMAL -> number(parser, member, token);
            case TIMESTAMP -> timestamp(parser, member, token);
            case BLOB -> {
                expectScalar(token, JsonToken.VALUE_STRING, member);
                try {
                    yield SdkBytes.fromByteArray(Base64.getMimeDecoder().decode(parser.getText()));
                }
                catch (IllegalArgumentException malformed) {
                    throw serializationError("Invalid base64 value for " + member.memberName() + ".");
                }
            }
            case DOCUMENT, NULL -> {
                // EMR models no documents; skip rather than misread one.
                parser.skipChildren();
                yield null;
            }
        };
    }

    private static BigDecimal integral(JsonParser parser, Member member, JsonToken token)
            throws IOException
    {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch(member, token, "Integer");
        }
        return parser.getDecimalValue();
    }

    private static BigDecimal number(JsonParser parser, Member member, JsonToken token)
            throws IOException
    {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw mismatch(member, token, "Number");
        }
        return parser.getDecimalValue();
    }

    private static Instant timestamp(JsonParser parser, Member member, JsonToken token)
            throws IOException
    {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return Timestamps.fromEpochSeconds(parser.getDecimalValue());
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Timestamps.parse(parser.getText());
            }
            catch (IllegalArgumentException malformed) {
                throw serializationError("Invalid timestamp for " + member.memberName() + ": " + parser.getText());
            }
        }
        throw mismatch(member, token, "Timestamp");
    }

    private static void expect(JsonToken token, JsonToken expected, Member member)
    {
        if (token != expected) {
            throw serializationError("Unexpected " + describe(token) + " for " + member.memberName() + ": expected " + describe(expected) + ".");
        }
    }

    private static void expectScalar(JsonToken token, JsonToken expected, Member member)
    {
        if (token != expected) {
            throw mismatch(member, token, "String");
        }
    }

    private static AwsErrorException mismatch(Member member, JsonToken token, String expected)
    {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            return serializationError("Start of " + (token == JsonToken.START_OBJECT ? "structure or map" : "list") + " found where not expected in " + member.memberName() + ".");
        }
        return serializationError(describe(token) + " can not be converted to " + (expected.startsWith("I") ? "an " : "a ") + expected + " (" + member.memberName() + ").");
    }

    private static String describe(JsonToken token)
    {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case VALUE_STRING -> "STRING_VALUE";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER_VALUE";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN_VALUE";
            case VALUE_NULL -> "NULL_VALUE";
            case START_OBJECT -> "start of structure";
            case END_OBJECT -> "end of structure";
            case START_ARRAY -> "start of list";
            case END_ARRAY -> "end of list";
            case FIELD_NAME -> "field name";
            case VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE -> token.name();
        };
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "malformed body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static AwsErrorException serializationError(String message)
    {
        return new AwsErrorException("SerializationException", message, 400);
    }

    @Override
    public WireResponse encodeResponse(OperationModel operation, SdkResponse response, String requestId)
    {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = JSON.createGenerator(body)) {
            writeStructure(generator, response);
        }
        catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return new WireResponse(200, CONTENT_TYPE, body.toByteArray());
    }

    private static void writeStructure(JsonGenerator generator, SdkPojo pojo)
            throws IOException
    {
        generator.writeStartObject();
        for (Member member : Shape.of(pojo).members()) {
            Object value = member.get(pojo);
            if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
                continue;
            }
            generator.writeFieldName(member.queryName());
            writeValue(generator, member, value);
        }
        generator.writeEndObject();
    }

    private static void writeValue(JsonGenerator generator, Member member, Object value)
            throws IOException
    {
        if (value == null) {
            generator.writeNull();
            return;
        }
        switch (member.kind()) {
            case STRUCTURE -> writeStructure(generator, (SdkPojo) value);
            case LIST -> {
                generator.writeStartArray();
                for (Object element : (List<?>) value) {
                    writeValue(generator, member.element(), element);
                }
                generator.writeEndArray();
            }
            case MAP -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    generator.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(generator, member.element(), entry.getValue());
                }
                generator.writeEndObject();
            }
            case STRING -> generator.writeString((String) value);
            case BOOLEAN -> generator.writeBoolean((Boolean) value);
            case INTEGER, SHORT, BYTE -> generator.writeNumber(((Number) value).intValue());
            case LONG -> generator.writeNumber((Long) value);
            case FLOAT -> generator.writeNumber((Float) value);
            case DOUBLE -> generator.writeNumber((Double) value);
            case BIG_DECIMAL -> generator.writeNumber((BigDecimal) value);
            case TIMESTAMP -> writeTimestamp(generator, member, (Instant) value);
            case BLOB -> generator.writeString(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
            case DOCUMENT, NULL -> generator.writeNull();
        }
    }

    private static void writeTimestamp(JsonGenerator generator, Member member, Instant instant)
            throws IOException
    {
        if (member.timestampFormat() == null) {
            generator.writeNumber(Timestamps.epochSeconds(instant));
            return;
        }
        switch (member.timestampFormat()) {
            case ISO_8601 -> generator.writeString(Timestamps.iso8601(instant));
            case RFC_822 -> generator.writeString(Timestamps.rfc822(instant));
            case UNIX_TIMESTAMP -> generator.writeNumber(Timestamps.epochSeconds(instant));
            case UNIX_TIMESTAMP_MILLIS -> generator.writeNumber(instant.toEpochMilli());
        }
    }

    @Override
    public WireResponse encodeError(AwsErrorException error, String requestId)
    {
        ByteArrayOutputStream body = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = JSON.createGenerator(body)) {
            generator.writeStartObject();
            generator.writeStringField("__type", error.code());
            generator.writeStringField("message", error.getMessage());
            generator.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return new WireResponse(error.httpStatus(), CONTENT_TYPE, body.toByteArray(), Map.of("x-amzn-ErrorType", error.code()));
    }
}
