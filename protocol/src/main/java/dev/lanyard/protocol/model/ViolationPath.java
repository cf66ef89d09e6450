package dev.lanyard.protocol.model;

import static java.util.Objects.requireNonNull;

/**
 * Where a value sits in the request, as a chain of segments rendered only when a violation is reported, so a valid
 * request builds no strings. A segment is a member (already named in the path style) or a list index.
 */
final class ViolationPath
{
    private final ViolationPath parent;
    private final String member;
    private final int index;

    private ViolationPath(ViolationPath parent, String member, int index)
    {
        this.parent = parent;
        this.member = member;
        this.index = index;
    }

    static ViolationPath member(ViolationPath parent, String member)
    {
        return new ViolationPath(parent, requireNonNull(member, "member is null"), -1);
    }

    static ViolationPath element(ViolationPath parent, int index)
    {
        return new ViolationPath(requireNonNull(parent, "parent is null"), null, index);
    }

    String render(PathStyle style)
    {
        StringBuilder builder = new StringBuilder();
        append(builder, style);
        return builder.toString();
    }

    private void append(StringBuilder builder, PathStyle style)
    {
        if (parent != null) {
            parent.append(builder, style);
            builder.append('.');
        }
        builder.append(member != null ? member : style.elementSegment(index));
    }
}
