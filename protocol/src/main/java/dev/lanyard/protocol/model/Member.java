package dev.lanyard.protocol.model;

import static java.util.Objects.requireNonNull;

/**
 * A member of a structure shape: its botocore name (what {@code SdkField.memberName()} returns), the shape it
 * targets, and the name it travels under on the wire (the locationName, or for EC2 the queryName or the
 * capitalized locationName; the member name when the model says nothing).
 */
public record Member(String name, String shape, String wireName)
{
    public Member
    {
        requireNonNull(name, "name is null");
        requireNonNull(shape, "shape is null");
        requireNonNull(wireName, "wireName is null");
    }
}
