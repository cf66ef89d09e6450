package dev.lanyard.policy.evaluation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

/** The typed readings of condition values (policy side and request side share them so both read a value alike). */
public final class ValueParsing
{
    /** Marks "not a date"; no real date is this far in the past. */
    public static final long NOT_A_DATE = Long.MIN_VALUE;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,12}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private ValueParsing() {}

    /** NaN when the text is not a plain decimal number (Java's extras such as "NaN", "0x1p3" or "1d" are not numbers here). */
    public static double number(String text)
    {
        if (text.length() > 64 || !NUMBER.matcher(text).matches()) {
            return Double.NaN;
        }
        return Double.parseDouble(text);
    }

    /** Epoch milliseconds of an ISO 8601 date or date-time, or of epoch seconds; {@link #NOT_A_DATE} otherwise. */
    public static long epochMillis(String text)
    {
        // most strings are not dates: refuse them before the java.time parsers, which signal failure with exceptions
        if (text.isEmpty() || text.length() > 40 || !(Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
            return NOT_A_DATE;
        }
        if (EPOCH_SECONDS.matcher(text).matches()) {
            return Long.parseLong(text) * 1000;
        }
        try {
            if (text.indexOf('T') < 0) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
            catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        }
        catch (DateTimeParseException | ArithmeticException notADate) {
            return NOT_A_DATE;
        }
    }

    public static String isoText(Instant instant)
    {
        return instant.toString();
    }

    /** The address bytes (4 or 16) of an IP literal, or null; never resolves a host name. */
    public static byte[] address(String text)
    {
        var ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int index = 0; index < 4; index++) {
                int octet = Integer.parseInt(ipv4.group(index + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[index] = (byte) octet;
            }
            return bytes;
        }
        // only text with a colon and nothing but address characters reaches InetAddress, which then never looks up DNS
        if (text.indexOf(':') < 0 || text.length() > 45 || !IPV6_CHARACTERS.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        }
        catch (UnknownHostException | RuntimeException notAnAddress) {
            return null;
        }
    }

    public static byte[] base64(String text)
    {
        try {
            return Base64.getDecoder().decode(text);
        }
        catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
