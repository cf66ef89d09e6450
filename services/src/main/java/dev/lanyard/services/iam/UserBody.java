package dev.lanyard.services.iam;

import java.util.List;

/**
 * The stored body of a user ("user" entities). Name, path, unique id and creation time are the entity's own columns; a
 * rename changes only the entity's name, so links, inline policies and access keys (all keyed by the unique id) follow.
 *
 * @param tags the user's tags in the order they were added
 * @param passwordLastUsed ISO-8601 instant of the last console sign-in, or null (no console exists yet: always null)
 * @param permissionsBoundaryArn the ARN of the managed policy set as permissions boundary, or null
 */
public record UserBody(List<StoredTag> tags, String passwordLastUsed, String permissionsBoundaryArn)
{
    public UserBody
    {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static UserBody empty()
    {
        return new UserBody(List.of(), null, null);
    }

    public UserBody withTags(List<StoredTag> tags)
    {
        return new UserBody(tags, passwordLastUsed, permissionsBoundaryArn);
    }
}
