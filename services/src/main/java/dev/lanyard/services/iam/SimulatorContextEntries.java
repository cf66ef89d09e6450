package dev.lanyard.services.iam;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.RequestContext;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The simulator's ContextEntries turned into typed request context values. A value that cannot be read as its declared
 * ContextKeyType is the caller's input error (InvalidInput), never a silently false condition.
 */
public final class SimulatorContextEntries
{
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/\\d{1,2})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");

    private final Map<String, List<ContextValue>> values;

    private SimulatorContextEntries(Map<String, List<ContextValue>> values)
    {
        this.values = requireNonNull(values, "values is null");
    }

    public static SimulatorContextEntries of(List<ContextEntry> entries)
    {
        Map<String, List<ContextValue>> values = new LinkedHashMap<>();
        for (ContextEntry entry : entries) {
            if (entry.contextKeyName() == null) {
                throw IamErrors.invalidInput("ContextKeyName is required in every context entry.");
            }
            if (entry.contextKeyType() == null || entry.contextKeyType() == ContextKeyTypeEnum.UNKNOWN_TO_SDK_VERSION) {
                throw IamErrors.invalidInput("Invalid ContextKeyType for context key " + entry.contextKeyName() + ".");
            }
            List<ContextValue> parsed = new ArrayList<>();
            for (String value : entry.contextKeyValues()) {
                parsed.add(parse(entry.contextKeyName(), entry.contextKeyType(), value));
            }
            values.put(entry.contextKeyName(), parsed);
        }
        return new SimulatorContextEntries(values);
    }

    /** The provided key names, lowercased (keys are case-insensitive). */
    public Set<String> lowerCaseKeys()
    {
        Set<String> keys = new HashSet<>();
        values.keySet().forEach(key -> keys.add(key.toLowerCase(Locale.ROOT)));
        return keys;
    }

    public void addTo(RequestContext.Builder builder)
    {
        values.forEach((key, keyValues) -> {
            if (keyValues.size() == 1) {
                builder.put(key, keyValues.get(0));
            }
            else {
                builder.putAll(key, keyValues);
            }
        });
    }

    private static ContextValue parse(String key, ContextKeyTypeEnum type, String value)
    {
        return switch (type) {
            case STRING, STRING_LIST -> ContextValue.string(value);
            case NUMERIC, NUMERIC_LIST -> {
                try {
                    new BigDecimal(value.trim());
                }
                catch (NumberFormatException notANumber) {
                    throw invalidValue(key, type, value);
                }
                yield ContextValue.number(value.trim());
            }
            case BOOLEAN, BOOLEAN_LIST -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw invalidValue(key, type, value);
                }
                yield ContextValue.bool(Boolean.parseBoolean(value));
            }
            case IP, IP_LIST -> {
                if (!isIpAddress(value)) {
                    throw invalidValue(key, type, value);
                }
                yield ContextValue.ipAddress(value);
            }
            case BINARY, BINARY_LIST -> {
                try {
                    yield ContextValue.binary(Base64.getDecoder().decode(value));
                }
                catch (IllegalArgumentException notBase64) {
                    throw invalidValue(key, type, value);
                }
            }
            case DATE, DATE_LIST -> ContextValue.date(date(value).orElseThrow(() -> invalidValue(key, type, value)));
            case UNKNOWN_TO_SDK_VERSION -> throw IamErrors.invalidInput("Invalid ContextKeyType for context key " + key + ".");
        };
    }

    /** AWS's date condition values: ISO 8601 (with or without time) or epoch seconds. */
    private static Optional<Instant> date(String value)
    {
        String text = value.trim();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        }
        catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        catch (DateTimeParseException ignored) {
            // try epoch seconds
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
        }
        catch (NumberFormatException | DateTimeException ignored) {
            return Optional.empty();
        }
    }

    private static boolean isIpAddress(String value)
    {
        var ipv4 = IPV4.matcher(value);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return false;
                }
            }
            return ipv4.group(5) == null || Integer.parseInt(ipv4.group(5).substring(1)) <= 32;
        }
        if (value.indexOf(':') < 0 || !IPV6.matcher(value).matches()) {
            return false;
        }
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (slash >= 0 && Integer.parseInt(value.substring(slash + 1)) > 128) {
            return false;
        }
        try {
            // a literal with a colon is parsed, never looked up
            InetAddress.getByName(address);
            return true;
        }
        catch (UnknownHostException | IllegalArgumentException malformed) {
            return false;
        }
    }

    private static RuntimeException invalidValue(String key, ContextKeyTypeEnum type, String value)
    {
        return IamErrors.invalidInput("Invalid value for context key " + key + " of type " + type + ": " + value);
    }
}
