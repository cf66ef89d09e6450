package dev.lanyard.services.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Marker paging over lists that are read whole (a group's members, a user's groups, a user's credentials): the marker is the
 * name of the last item returned, and the next page starts after it, so an item added or removed between pages does not
 * shift the rest.
 */
public final class WholeListPaging
{
    private WholeListPaging() {}

    /**
     * Pages a list read whole. The next page starts after the item named by the marker; if that item is gone, after the
     * first name greater than it, which is right for lists ordered by name ignoring case (members, groups).
     */
    public static <T> IamPaging.Page<T> pageByName(List<T> items, String marker, Integer maxItems, Function<T, String> name)
    {
        String after = IamPaging.afterName(marker);
        int start = 0;
        if (after != null) {
            start = -1;
            for (int index = 0; index < items.size(); index++) {
                if (name.apply(items.get(index)).equalsIgnoreCase(after)) {
                    start = index + 1;
                    break;
                }
            }
            if (start < 0) {
                start = items.size();
                for (int index = 0; index < items.size(); index++) {
                    if (name.apply(items.get(index)).toLowerCase(Locale.ROOT).compareTo(after.toLowerCase(Locale.ROOT)) > 0) {
                        start = index;
                        break;
                    }
                }
            }
        }
        List<T> rest = new ArrayList<>(items.subList(start, Math.min(items.size(), start + IamPaging.fetchSize(maxItems))));
        return IamPaging.page(rest, maxItems, name);
    }
}
