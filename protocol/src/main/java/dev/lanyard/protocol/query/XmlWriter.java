package dev.lanyard.protocol.query;

import dev.lanyard.protocol.shape.Member;
import dev.lanyard.protocol.shape.Shape;
import dev.lanyard.protocol.shape.Timestamps;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes model objects as the XML of awsQuery and EC2 responses into a StringBuilder (no DOM): members by their
 * unmarshall location name, lists as {@code <name><member>..</member></name>} (EC2: {@code <item>}), maps as
 * {@code <entry><key/><value/></entry>}. Unset members are left out; a list or map set to empty is written as an empty element.
 */
final class XmlWriter
{
    private XmlWriter() {}

    static void writeMembers(StringBuilder xml, SdkPojo pojo)
    {
        for (Member member : Shape.of(pojo).members()) {
            Object value = member.get(pojo);
            if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
                continue;
            }
            writeMember(xml, member, member.xmlName(), value);
        }
    }

    private static void writeMember(StringBuilder xml, Member member, String name, Object value)
    {
        switch (member.kind()) {
            case LIST -> {
                List<?> list = (List<?>) value;
                if (member.flattened()) {
                    for (Object element : list) {
                        writeMember(xml, member.element(), name, element);
                    }
                    return;
                }
                open(xml, name);
                for (Object element : list) {
                    if (element != null) {
                        writeMember(xml, member.element(), member.elementXmlName(), element);
                    }
                }
                close(xml, name);
            }
            case MAP -> {
                Map<?, ?> map = (Map<?, ?>) value;
                if (!member.flattened()) {
                    open(xml, name);
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String entryName = member.flattened() ? name : "entry";
                    open(xml, entryName);
                    open(xml, member.mapKeyName());
                    escape(xml, String.valueOf(entry.getKey()));
                    close(xml, member.mapKeyName());
                    if (entry.getValue() != null) {
                        writeMember(xml, member.element(), member.mapValueName(), entry.getValue());
                    }
                    close(xml, entryName);
                }
                if (!member.flattened()) {
                    close(xml, name);
                }
            }
            case STRUCTURE -> {
                open(xml, name);
                writeMembers(xml, (SdkPojo) value);
                close(xml, name);
            }
            case TIMESTAMP -> {
                open(xml, name);
                xml.append(timestamp(member, (Instant) value));
                close(xml, name);
            }
            case BLOB -> {
                open(xml, name);
                xml.append(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
                close(xml, name);
            }
            case BIG_DECIMAL -> {
                open(xml, name);
                xml.append(((BigDecimal) value).toPlainString());
                close(xml, name);
            }
            case STRING -> {
                open(xml, name);
                escape(xml, (String) value);
                close(xml, name);
            }
            case INTEGER, LONG, SHORT, BYTE, FLOAT, DOUBLE, BOOLEAN -> {
                open(xml, name);
                xml.append(value);
                close(xml, name);
            }
            // No XML service models documents; an unknown kind is left out rather than written wrongly.
            case DOCUMENT, NULL -> {}
        }
    }

    private static String timestamp(Member member, Instant instant)
    {
        if (member.timestampFormat() == null) {
            return Timestamps.iso8601(instant);
        }
        return switch (member.timestampFormat()) {
            case ISO_8601 -> Timestamps.iso8601(instant);
            case RFC_822 -> Timestamps.rfc822(instant);
            case UNIX_TIMESTAMP -> Timestamps.epochSeconds(instant).toPlainString();
            case UNIX_TIMESTAMP_MILLIS -> Long.toString(instant.toEpochMilli());
        };
    }

    static void open(StringBuilder xml, String name)
    {
        xml.append('<').append(name).append('>');
    }

    static void close(StringBuilder xml, String name)
    {
        xml.append("</").append(name).append('>');
    }

    static void element(StringBuilder xml, String name, String text)
    {
        open(xml, name);
        escape(xml, text);
        close(xml, name);
    }

    /** How many leading characters of {@code text} can be written as they are. */
    private static int plainPrefixLength(String text)
    {
        int length = text.length();
        for (int index = 0; index < length; index++) {
            char character = text.charAt(index);
            if (character < 0x20 || character == '&' || character == '<' || character == '>' || character >= 0xD800) {
                return index;
            }
        }
        return length;
    }

    /**
     * Escapes text content. Quotes stay literal, as in AWS's responses (they need no escape outside attributes). Carriage returns are written as references so that parsers keep them;
     * characters XML 1.0 cannot carry at all (other control characters, lone surrogates) become U+FFFD.
     */
    static void escape(StringBuilder xml, String text)
    {
        int length = text.length();
        int plain = plainPrefixLength(text);
        if (plain == length) {
            // Most values (ids, ARNs, base64 tokens) need no escaping: one bulk append.
            xml.append(text);
            return;
        }
        xml.append(text, 0, plain);
        for (int index = plain; index < length; index++) {
            char character = text.charAt(index);
            switch (character) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '\r' -> xml.append("&#13;");
                case '\n', '\t' -> xml.append(character);
                default -> {
                    if (character < 0x20 || character == 0xFFFE || character == 0xFFFF) {
                        xml.append('\uFFFD');
                    }
                    else if (Character.isHighSurrogate(character) && index + 1 < length && Character.isLowSurrogate(text.charAt(index + 1))) {
                        xml.append(character).append(text.charAt(index + 1));
                        index++;
                    }
                    else if (Character.isSurrogate(character)) {
                        xml.append('\uFFFD');
                    }
                    else {
                        xml.append(character);
                    }
                }
            }
        }
    }
}
