package dev.lanyard.protocol.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A shape reachable from an operation's input, with only what validation needs. Which fields are meaningful
 * depends on the type: members and required for structures; min/max (length), pattern and enum for strings;
 * min/max (value) for numbers; min/max (size) and the member shape for lists; key and value shapes for maps.
 */
public record Shape(
        String name,
        ShapeType type,
        List<Member> members,
        Set<String> required,
        Optional<BigDecimal> min,
        Optional<BigDecimal> max,
        Optional<String> pattern,
        List<String> enumValues,
        Optional<String> listMember,
        Optional<String> mapKey,
        Optional<String> mapValue)
{
    public Shape
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        members = List.copyOf(requireNonNull(members, "members is null"));
        required = Set.copyOf(requireNonNull(required, "required is null"));
        requireNonNull(min, "min is null");
        requireNonNull(max, "max is null");
        requireNonNull(pattern, "pattern is null");
        enumValues = List.copyOf(requireNonNull(enumValues, "enumValues is null"));
        requireNonNull(listMember, "listMember is null");
        requireNonNull(mapKey, "mapKey is null");
        requireNonNull(mapValue, "mapValue is null");
    }

    public Optional<Member> member(String memberName)
    {
        return members.stream()
                .filter(member -> member.name().equals(memberName))
                .findFirst();
    }
}
