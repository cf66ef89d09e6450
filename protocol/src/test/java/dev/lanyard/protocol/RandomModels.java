package dev.lanyard.protocol;

import dev.lanyard.protocol.shape.Builders;
import dev.lanyard.protocol.shape.Member;
import dev.lanyard.protocol.shape.Shape;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static java.util.Objects.requireNonNull;

/**
 * Random but valid model objects generated from sdkFields(): every member set, structures nested to a fixed depth,
 * strings with characters that need escaping in XML, URLs and JSON.
 */
final class RandomModels
{
    private static final int MAX_DEPTH = 3;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] SPECIALS = {"&", "<", ">", "\"", "'", " ", "/", "+", "=", "%", "é", "日本", "\n", "{\"a\":1}"};

    private final Random random;

    RandomModels(long seed)
    {
        this.random = new Random(seed);
    }

    <T> T create(Class<T> modelClass)
    {
        requireNonNull(modelClass, "modelClass is null");
        SdkPojo builder = Builders.newBuilder(modelClass);
        fill(builder, 1);
        return modelClass.cast(Shape.build(builder));
    }

    private boolean fill(SdkPojo builder, int depth)
    {
        boolean any = false;
        for (Member member : Shape.of(builder).members()) {
            Object value = value(member, depth);
            if (value != null) {
                member.set(builder, value);
                any = true;
            }
        }
        return any;
    }

    private Object value(Member member, int depth)
    {
        return switch (member.kind()) {
            case STRUCTURE -> {
                if (depth >= MAX_DEPTH) {
                    yield null;
                }
                SdkPojo builder = member.newBuilder();
                // An empty structure is not sent by the SDK at all, so it could not round-trip: leave such members unset.
                yield fill(builder, depth + 1) ? Shape.build(builder) : null;
            }
            case LIST -> {
                List<Object> values = new ArrayList<>();
                // Two elements at the top prove list framing; one below keeps EC2's deep responses (and the test) small.
                int size = depth == 1 ? 2 : 1;
                for (int index = 0; index < size; index++) {
                    Object element = value(member.element(), depth + 1);
                    if (element == null) {
                        yield null;
                    }
                    values.add(element);
                }
                yield values;
            }
            case MAP -> {
                Map<String, Object> values = new LinkedHashMap<>();
                int size = 1 + random.nextInt(2);
                for (int index = 0; index < size; index++) {
                    Object element = value(member.element(), depth + 1);
                    if (element == null) {
                        yield null;
                    }
                    values.put(string(), element);
                }
                yield values;
            }
            case STRING -> string();
            case INTEGER -> random.nextInt(100_000) - 1000;
            case LONG -> random.nextLong(1L << 40) - 1000;
            case SHORT -> (short) random.nextInt(1000);
            case BYTE -> (byte) random.nextInt(100);
            case FLOAT -> random.nextInt(100_000) / 8.0f;
            case DOUBLE -> random.nextInt(1_000_000) / 16.0;
            case BIG_DECIMAL -> BigDecimal.valueOf(random.nextInt(1_000_000), 2);
            case BOOLEAN -> random.nextBoolean();
            case TIMESTAMP -> Instant.ofEpochSecond(1_500_000_000L + random.nextInt(400_000_000));
            case BLOB -> {
                byte[] bytes = new byte[1 + random.nextInt(16)];
                random.nextBytes(bytes);
                yield SdkBytes.fromByteArray(bytes);
            }
            case DOCUMENT, NULL -> null;
        };
    }

    String string()
    {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int index = 0; index < length; index++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        if (random.nextInt(3) == 0) {
            text.append(SPECIALS[random.nextInt(SPECIALS.length)]);
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
