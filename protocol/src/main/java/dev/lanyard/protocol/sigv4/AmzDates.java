package dev.lanyard.protocol.sigv4;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The two time formats of SigV4: ISO 8601 basic ("20150830T123600Z") and the HTTP Date header (RFC 1123). */
final class AmzDates
{
    private AmzDates() {}

    /** Parses ISO 8601 basic by hand: it is on every request and a formatter costs several times more. */
    static Optional<Instant> parseIsoBasic(String value)
    {
        if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
            return Optional.empty();
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 4, 6);
        int day = digits(value, 6, 8);
        int hour = digits(value, 9, 11);
        int minute = digits(value, 11, 13);
        int second = digits(value, 13, 15);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        }
        catch (java.time.DateTimeException invalidDay) {
            return Optional.empty();
        }
    }

    /** Parses an HTTP Date header ("Sun, 30 Aug 2015 12:36:00 GMT"), which some clients send instead of X-Amz-Date. */
    static Optional<Instant> parseHttpDate(String value)
    {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        }
        catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }

    static String formatIsoBasic(Instant instant)
    {
        LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        char[] chars = new char[16];
        put(chars, 0, time.getYear(), 4);
        put(chars, 4, time.getMonthValue(), 2);
        put(chars, 6, time.getDayOfMonth(), 2);
        chars[8] = 'T';
        put(chars, 9, time.getHour(), 2);
        put(chars, 11, time.getMinute(), 2);
        put(chars, 13, time.getSecond(), 2);
        chars[15] = 'Z';
        return new String(chars);
    }

    private static int digits(String value, int start, int end)
    {
        int result = 0;
        for (int index = start; index < end; index++) {
            char character = value.charAt(index);
            if (character < '0' || character > '9') {
                return -1;
            }
            result = result * 10 + (character - '0');
        }
        return result;
    }

    private static void put(char[] chars, int offset, int value, int width)
    {
        for (int index = offset + width - 1; index >= offset; index--) {
            chars[index] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
