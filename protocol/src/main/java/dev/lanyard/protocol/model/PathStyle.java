package dev.lanyard.protocol.model;

/**
 * How a validation message names the offending member. Coral services (Query and JSON) name it by member,
 * lowerCamel, with list elements as "tags.1.member.key"; EC2 names it as the request spelled it on the wire
 * ("TagSpecification.1.Tag.1.Key").
 */
enum PathStyle
{
    MEMBER_NAMES,
    WIRE_NAMES;

    String memberSegment(Member member)
    {
        return switch (this) {
            case MEMBER_NAMES -> lowerCamel(member.name());
            case WIRE_NAMES -> member.wireName();
        };
    }

    String elementSegment(int index)
    {
        return switch (this) {
            case MEMBER_NAMES -> (index + 1) + ".member";
            case WIRE_NAMES -> String.valueOf(index + 1);
        };
    }

    /** Only the first letter: AWS writes 'sAMLMetadataDocument', not 'samlMetadataDocument'. */
    static String lowerCamel(String name)
    {
        if (name.isEmpty() || Character.isLowerCase(name.charAt(0))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
