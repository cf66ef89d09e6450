package dev.lanyard.protocol.sigv4;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The URI encoding of SigV4 (RFC 3986: everything but {@code A-Z a-z 0-9 - _ . ~} becomes {@code %XY} of its UTF-8 bytes,
 * upper-case hex) and the canonical forms built from it. No regex, no intermediate decoded strings on the hot path.
 */
final class UriEncoding
{
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char character = 'A'; character <= 'Z'; character++) {
            UNRESERVED[character] = true;
        }
        for (char character = 'a'; character <= 'z'; character++) {
            UNRESERVED[character] = true;
        }
        for (char character = '0'; character <= '9'; character++) {
            UNRESERVED[character] = true;
        }
        UNRESERVED['-'] = true;
        UNRESERVED['_'] = true;
        UNRESERVED['.'] = true;
        UNRESERVED['~'] = true;
    }

    private UriEncoding() {}

    /**
     * The canonical form of one raw (as received) query name or value: percent-escapes are decoded and re-encoded,
     * '+' is a space (as the form decoding that produces the operation's parameters reads it, so the signature covers
     * exactly the values the service acts on), and anything else outside the unreserved set is encoded.
     */
    static void appendCanonicalQueryComponent(StringBuilder builder, String raw)
    {
        int length = raw.length();
        for (int index = 0; index < length; index++) {
            char character = raw.charAt(index);
            if (character < 128 && UNRESERVED[character]) {
                builder.append(character);
            }
            else if (character == '+') {
                builder.append("%20");
            }
            else if (character == '%' && hexValue(raw, index + 1) >= 0 && hexValue(raw, index + 2) >= 0) {
                int decoded = hexValue(raw, index + 1) * 16 + hexValue(raw, index + 2);
                appendByte(builder, decoded);
                index += 2;
            }
            else if (character < 128) {
                appendEscaped(builder, character);
            }
            else {
                index = appendNonAscii(builder, raw, index);
            }
        }
    }

    static String canonicalQueryComponent(String raw)
    {
        StringBuilder builder = new StringBuilder(raw.length() + 8);
        appendCanonicalQueryComponent(builder, raw);
        return builder.toString();
    }

    /** Encodes every character outside the unreserved set except '/', as the SDK signers do for a path. */
    static void appendEncodedPath(StringBuilder builder, String path)
    {
        int length = path.length();
        for (int index = 0; index < length; index++) {
            char character = path.charAt(index);
            if (character == '/' || (character < 128 && UNRESERVED[character])) {
                builder.append(character);
            }
            else if (character < 128) {
                appendEscaped(builder, character);
            }
            else {
                index = appendNonAscii(builder, path, index);
            }
        }
    }

    /**
     * Removes "." and ".." segments (RFC 3986 section 5.2.4), as the SDK's path normalization does for every service
     * but S3. Paths without dot segments, nearly all of them, are returned as they are.
     */
    static String normalizePath(String path)
    {
        if (path.isEmpty()) {
            return "/";
        }
        if (!path.contains("/.") && !path.startsWith(".")) {
            return path;
        }
        boolean trailingSlash = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(segment);
        }
        StringBuilder normalized = new StringBuilder(path.length());
        for (String segment : segments) {
            normalized.append('/').append(segment);
        }
        if (trailingSlash || segments.isEmpty()) {
            normalized.append('/');
        }
        return normalized.toString();
    }

    /** Decodes a query component for reading (the X-Amz-* parameters); a malformed escape is kept as it is. */
    static String decode(String raw)
    {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    /** Splits a raw query string into [name, value] pairs, still encoded; a name without '=' has an empty value. */
    static List<String[]> splitQuery(String rawQuery)
    {
        if (rawQuery.isEmpty()) {
            return List.of();
        }
        List<String[]> pairs = new ArrayList<>();
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int equals = rawQuery.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    pairs.add(new String[] {rawQuery.substring(start, end), ""});
                }
                else {
                    pairs.add(new String[] {rawQuery.substring(start, equals), rawQuery.substring(equals + 1, end)});
                }
            }
            start = end + 1;
        }
        return pairs;
    }

    /**
     * The canonical query string: names and values in canonical encoding, sorted by name then value (byte order, which
     * for ASCII strings is String order), joined with '&'. {@code excludedName} (X-Amz-Signature of a presigned request)
     * is left out.
     */
    static String canonicalQueryString(String rawQuery, String excludedName)
    {
        List<String[]> pairs = splitQuery(rawQuery);
        if (pairs.isEmpty()) {
            return "";
        }
        String[][] canonical = new String[pairs.size()][];
        int count = 0;
        for (String[] pair : pairs) {
            String name = canonicalQueryComponent(pair[0]);
            if (name.equals(excludedName)) {
                continue;
            }
            canonical[count++] = new String[] {name, canonicalQueryComponent(pair[1])};
        }
        Arrays.sort(canonical, 0, count, (left, right) -> {
            int byName = left[0].compareTo(right[0]);
            return byName != 0 ? byName : left[1].compareTo(right[1]);
        });
        StringBuilder builder = new StringBuilder(rawQuery.length() + 16);
        for (int index = 0; index < count; index++) {
            if (index > 0) {
                builder.append('&');
            }
            builder.append(canonical[index][0]).append('=').append(canonical[index][1]);
        }
        return builder.toString();
    }

    private static void appendByte(StringBuilder builder, int value)
    {
        if (value < 128 && UNRESERVED[value]) {
            builder.append((char) value);
        }
        else {
            appendEscaped(builder, value);
        }
    }

    private static void appendEscaped(StringBuilder builder, int value)
    {
        builder.append('%').append(UPPER_HEX[(value >> 4) & 0xF]).append(UPPER_HEX[value & 0xF]);
    }

    /** Encodes the UTF-8 bytes of the code point at index; returns the index of its last char. */
    private static int appendNonAscii(StringBuilder builder, String value, int index)
    {
        int codePoint = value.codePointAt(index);
        int charCount = Character.charCount(codePoint);
        byte[] bytes = value.substring(index, index + charCount).getBytes(StandardCharsets.UTF_8);
        for (byte single : bytes) {
            appendEscaped(builder, single & 0xFF);
        }
        return index + charCount - 1;
    }

    private static int hexValue(String value, int index)
    {
        if (index >= value.length()) {
            return -1;
        }
        char character = value.charAt(index);
        if (character >= '0' && character <= '9') {
            return character - '0';
        }
        if (character >= 'A' && character <= 'F') {
            return character - 'A' + 10;
        }
        if (character >= 'a' && character <= 'f') {
            return character - 'a' + 10;
        }
        return -1;
    }
}
