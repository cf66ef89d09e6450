package dev.lanyard.policy.evaluation;

import java.time.Instant;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * One value of a request context key.
 *
 * <p>Every value has a text form, which the string and ARN operators compare. The typed readings (number, date,
 * address) of a string value are computed on first use by a numeric, date or IP operator and kept: building a request
 * context stays cheap, and evaluating many statements does not parse again.
 */
public final class ContextValue
{
    private final ValueType type;
    private final String text;
    private final byte[] bytes;
    // immutable holder: published safely through a plain field, computed at most a few times under a race
    private Readings readings;

    private record Readings(double number, long epochMillis, byte[] address) {}

    private ContextValue(ValueType type, String text, Readings readings, byte[] bytes)
    {
        this.type = requireNonNull(type, "type is null");
        this.text = requireNonNull(text, "text is null");
        this.readings = readings;
        this.bytes = bytes;
    }

    /** A string value; a numeric, date or address reading is still available, as AWS converts when an operator asks. */
    public static ContextValue string(String text)
    {
        return new ContextValue(ValueType.STRING, text, null, null);
    }

    public static ContextValue arn(String text)
    {
        return new ContextValue(ValueType.ARN, text, new Readings(Double.NaN, ValueParsing.NOT_A_DATE, null), null);
    }

    public static ContextValue number(long value)
    {
        String text = Long.toString(value);
        return new ContextValue(ValueType.NUMBER, text, new Readings(value, ValueParsing.epochMillis(text), null), null);
    }

    public static ContextValue number(String text)
    {
        return new ContextValue(ValueType.NUMBER, text, new Readings(ValueParsing.number(text), ValueParsing.epochMillis(text), null), null);
    }

    public static ContextValue date(Instant instant)
    {
        return new ContextValue(ValueType.DATE, ValueParsing.isoText(instant), new Readings(Double.NaN, instant.toEpochMilli(), null), null);
    }

    public static ContextValue bool(boolean value)
    {
        return new ContextValue(ValueType.BOOL, Boolean.toString(value), new Readings(Double.NaN, ValueParsing.NOT_A_DATE, null), null);
    }

    public static ContextValue ipAddress(String text)
    {
        return new ContextValue(ValueType.IP_ADDRESS, text, new Readings(Double.NaN, ValueParsing.NOT_A_DATE, ValueParsing.address(text)), null);
    }

    public static ContextValue binary(byte[] value)
    {
        byte[] copy = value.clone();
        return new ContextValue(ValueType.BINARY, Base64.getEncoder().encodeToString(copy), new Readings(Double.NaN, ValueParsing.NOT_A_DATE, null), copy);
    }

    public ValueType type()
    {
        return type;
    }

    public String text()
    {
        return text;
    }

    /** NaN when the value has no numeric reading. */
    double number()
    {
        return readings().number();
    }

    /** {@link ValueParsing#NOT_A_DATE} when the value has no date reading. */
    long epochMillis()
    {
        return readings().epochMillis();
    }

    /** Null when the value is not an IP address. */
    byte[] address()
    {
        return readings().address();
    }

    /** The bytes of a binary value; a string value is read as base64. */
    byte[] bytes()
    {
        return bytes != null ? bytes : ValueParsing.base64(text);
    }

    private Readings readings()
    {
        Readings result = readings;
        if (result == null) {
            result = new Readings(ValueParsing.number(text), ValueParsing.epochMillis(text), ValueParsing.address(text));
            readings = result;
        }
        return result;
    }

    @Override
    public String toString()
    {
        return type + ":" + text;
    }
}
