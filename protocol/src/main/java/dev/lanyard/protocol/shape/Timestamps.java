package dev.lanyard.protocol.shape;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Timestamp formats of the AWS protocols: ISO-8601 (Query, EC2), epoch seconds (JSON) and RFC 822 (headers). */
public final class Timestamps
{
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** ISO-8601 in UTC, with fractional seconds only when there are some: "2026-11-23T12:00:00Z", as AWS writes them. */
    public static String iso8601(Instant instant)
    {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    public static String rfc822(Instant instant)
    {
        return RFC_822.format(instant);
    }

    /** Epoch seconds with up to millisecond fractions, as the JSON protocols write them. */
    public static BigDecimal epochSeconds(Instant instant)
    {
        long millis = instant.toEpochMilli();
        if (millis % 1000 == 0) {
            return BigDecimal.valueOf(millis / 1000);
        }
        return BigDecimal.valueOf(millis, 3);
    }

    public static Instant fromEpochSeconds(BigDecimal seconds)
    {
        return Instant.ofEpochMilli(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * Reads the formats clients send: ISO-8601 with or without an offset or fractions, epoch seconds, or RFC 822.
     *
     * @throws IllegalArgumentException when the text is none of those
     */
    public static Instant parse(String text)
    {
        String value = text.trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        char first = value.charAt(0);
        if (Character.isDigit(first) && value.indexOf('-') < 0) {
            try {
                return fromEpochSeconds(new BigDecimal(value));
            }
            catch (NumberFormatException | ArithmeticException | java.time.DateTimeException malformed) {
                throw new IllegalArgumentException("unparsable timestamp: " + text, malformed);
            }
        }
        try {
            if (Character.isDigit(first)) {
                if (value.endsWith("Z") || value.endsWith("z")) {
                    return Instant.parse(value.toUpperCase(Locale.ROOT));
                }
                if (value.length() > 10 && value.indexOf('T') > 0 && hasOffset(value)) {
                    return OffsetDateTime.parse(value).toInstant();
                }
                // AWS accepts a timestamp without a zone as UTC.
                return Instant.parse(value + (value.indexOf('T') > 0 ? "Z" : "T00:00:00Z"));
            }
            return RFC_822.parse(value, Instant::from);
        }
        catch (DateTimeParseException malformed) {
            throw new IllegalArgumentException("unparsable timestamp: " + text, malformed);
        }
    }

    private static boolean hasOffset(String value)
    {
        int time = value.indexOf('T');
        return value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0;
    }
}
