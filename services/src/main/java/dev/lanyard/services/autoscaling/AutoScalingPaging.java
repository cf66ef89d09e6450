package dev.lanyard.services.autoscaling;

import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * MaxRecords / NextToken over the launch configurations or groups of one region, optionally only those named. The
 * token is the entity name of the last record of the previous page, so the next page is a seek, not a rescan.
 */
final class AutoScalingPaging
{
    static final int DEFAULT_RECORDS = 50;
    static final int MAX_RECORDS = 100;

    private AutoScalingPaging() {}

    record Page(List<Entity> items, Optional<String> nextToken) {}

    static Page page(ReadTransaction transaction, String accountId, String kind, String region, List<String> names, Integer maxRecords, String nextToken)
    {
        int limit = maxRecords(maxRecords);
        Optional<String> after = after(region, nextToken);
        List<Entity> found;
        if (names.isEmpty()) {
            found = transaction.entities(accountId, kind, AutoScalingKinds.regionPath(region), after.orElse(null), limit + 1);
        }
        else {
            TreeMap<String, Entity> named = new TreeMap<>();
            for (String name : names) {
                String entityName = AutoScalingKinds.entityName(region, name);
                if (after.isEmpty() || entityName.compareTo(after.get()) > 0) {
                    transaction.entityById(accountId, kind, entityName).ifPresent(entity -> named.put(entityName, entity));
                }
            }
            found = new ArrayList<>(named.values());
        }
        if (found.size() > limit) {
            List<Entity> items = List.copyOf(found.subList(0, limit));
            return new Page(items, Optional.of(items.getLast().name()));
        }
        return new Page(List.copyOf(found), Optional.empty());
    }

    static int maxRecords(Integer maxRecords)
    {
        if (maxRecords == null) {
            return DEFAULT_RECORDS;
        }
        if (maxRecords < 1 || maxRecords > MAX_RECORDS) {
            throw AutoScalingErrors.validation("MaxRecords must be between 1 and " + MAX_RECORDS + ".");
        }
        return maxRecords;
    }

    private static Optional<String> after(String region, String nextToken)
    {
        if (nextToken == null) {
            return Optional.empty();
        }
        if (!AutoScalingKinds.isEntityName(region, nextToken)) {
            throw AutoScalingErrors.validation("The NextToken value is invalid.");
        }
        return Optional.of(nextToken);
    }
}
