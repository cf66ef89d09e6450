package dev.lanyard.services.iam;

import software.amazon.awssdk.services.iam.model.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * IAM's Marker / MaxItems / IsTruncated paging. A marker is opaque to clients: here the base64 of the last name returned,
 * so the next page starts right after it in the store's name index (no offsets: a walk is linear).
 */
public final class IamPaging
{
    public static final int DEFAULT_MAX_ITEMS = 100;

    private IamPaging() {}

    /** The page size to ask the store for: one more than MaxItems, to learn whether the listing is truncated. */
    public static int fetchSize(Integer maxItems)
    {
        return (maxItems == null ? DEFAULT_MAX_ITEMS : maxItems) + 1;
    }

    /** The exclusive start name encoded in a marker, or null for the first page. */
    public static String afterName(String marker)
    {
        if (marker == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException malformed) {
            throw InvalidInputException.builder().message("Invalid Marker.").build();
        }
    }

    public static String marker(String lastName)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    /** A page of at most MaxItems from a fetch of {@link #fetchSize} rows. */
    public record Page<T>(List<T> items, boolean truncated, String nextMarker) {}

    public static <T> Page<T> page(List<T> fetched, Integer maxItems, Function<T, String> name)
    {
        int limit = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        if (fetched.size() <= limit) {
            return new Page<>(fetched, false, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(List.copyOf(items), true, marker(name.apply(items.get(items.size() - 1))));
    }
}
