package dev.lanyard.services.sts;

import software.amazon.awssdk.services.sts.model.Tag;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The tags of a new session: those passed in the request, plus the transitive tags of the calling session when roles
 * are chained. Tag keys are case-insensitive, as AWS treats them; a request may not repeat a key, nor override a
 * transitive tag inherited from the calling session.
 */
record SessionTags(Map<String, String> requested, Map<String, String> all, Set<String> transitiveKeys)
{
    SessionTags
    {
        requested = Map.copyOf(requireNonNull(requested, "requested is null"));
        all = Map.copyOf(requireNonNull(all, "all is null"));
        transitiveKeys = Set.copyOf(requireNonNull(transitiveKeys, "transitiveKeys is null"));
    }

    static SessionTags of(List<Tag> tags, List<String> transitiveTagKeys, Optional<SessionClaims> callingSession)
    {
        Map<String, String> requested = new LinkedHashMap<>();
        Set<String> lowerKeys = new LinkedHashSet<>();
        for (Tag tag : tags == null ? List.<Tag>of() : tags) {
            if (!lowerKeys.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw StsErrors.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            requested.put(tag.key(), tag.value());
        }
        Set<String> transitive = new LinkedHashSet<>();
        for (String key : transitiveTagKeys == null ? List.<String>of() : transitiveTagKeys) {
            if (!lowerKeys.contains(key.toLowerCase(Locale.ROOT))) {
                throw StsErrors.validation("The specified transitive tag key must be included in the requested tags.");
            }
            transitive.add(key);
        }
        Map<String, String> all = new LinkedHashMap<>(requested);
        if (callingSession.isPresent()) {
            SessionClaims caller = callingSession.get();
            for (String key : caller.transitiveTagKeys()) {
                if (lowerKeys.contains(key.toLowerCase(Locale.ROOT))) {
                    throw StsErrors.accessDenied("Cannot override transitive tag " + key + " set by the calling session.");
                }
                all.put(key, caller.tags().get(key));
                transitive.add(key);
            }
        }
        return new SessionTags(requested, all, transitive);
    }
}
