package dev.lanyard.services.iam;


import java.util.List;

/** The stored body of an instance profile entity; its role is a {@link EntityKinds#ROLE_IN_INSTANCE_PROFILE} link (role id → profile id). */
public record InstanceProfileBody(List<StoredTag> tags)
{
    public InstanceProfileBody
    {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
