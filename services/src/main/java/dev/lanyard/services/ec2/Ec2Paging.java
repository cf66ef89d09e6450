package dev.lanyard.services.ec2;

import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * EC2's MaxResults / NextToken over the entities of one kind in one region. The token is the id of the last resource of
 * the previous page: entities are listed by name (their id) from an index, so a page costs a seek, not a rescan, and
 * filters apply while scanning.
 */
final class Ec2Paging
{
    static final int MIN_RESULTS = 5;
    static final int MAX_RESULTS = 1000;
    private static final int BATCH = 500;

    private Ec2Paging() {}

    record Page(List<Entity> items, Optional<String> nextToken) {}

    /** InvalidParameterValue unless MaxResults is absent or within EC2's 5..1000. */
    static Optional<Integer> maxResults(Integer maxResults)
    {
        if (maxResults == null) {
            return Optional.empty();
        }
        if (maxResults < MIN_RESULTS || maxResults > MAX_RESULTS) {
            throw Ec2Errors.invalidParameterValue("Value ( " + maxResults + " ) for parameter maxResults is invalid. Expecting a value between "
                    + MIN_RESULTS + " and " + MAX_RESULTS + ".");
        }
        return Optional.of(maxResults);
    }

    /** The id a NextToken carries; InvalidParameterValue when it cannot be one of ours. */
    static Optional<String> after(String nextToken, Predicate<String> wellFormed)
    {
        if (nextToken == null) {
            return Optional.empty();
        }
        if (!wellFormed.test(nextToken)) {
            throw Ec2Errors.invalidNextToken(nextToken);
        }
        return Optional.of(nextToken);
    }

    /** The matching entities after {@code afterId}, at most {@code maxResults} when given, else all. */
    static Page page(ReadTransaction transaction, String accountId, String kind, String region, Optional<String> afterId, Optional<Integer> maxResults, Predicate<Entity> matches)
    {
        long wanted = maxResults.map(limit -> limit + 1L).orElse(Long.MAX_VALUE);
        List<Entity> found = new ArrayList<>();
        String after = afterId.orElse(null);
        while (found.size() < wanted) {
            List<Entity> batch = transaction.entities(accountId, kind, Ec2Kinds.regionPath(region), after, BATCH);
            for (Entity entity : batch) {
                if (matches.test(entity)) {
                    found.add(entity);
                    if (found.size() == wanted) {
                        break;
                    }
                }
            }
            if (batch.size() < BATCH) {
                break;
            }
            after = batch.getLast().name();
        }
        if (maxResults.isPresent() && found.size() > maxResults.get()) {
            List<Entity> items = List.copyOf(found.subList(0, maxResults.get()));
            return new Page(items, Optional.of(items.getLast().name()));
        }
        return new Page(List.copyOf(found), Optional.empty());
    }
}
