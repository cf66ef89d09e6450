package dev.lanyard.protocol.shape;

import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The members of one SDK model shape, computed once per class from its sdkFields() and cached: the codecs never reflect per request.
 * A model class and its builder class share one field list but get separate entries, which costs nothing but a map slot.
 */
public final class Shape
{
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private final List<Member> members;
    private final Map<String, Member> membersByQueryName;

    private Shape(List<Member> members)
    {
        this.members = List.copyOf(requireNonNull(members, "members is null"));
        Map<String, Member> byName = new HashMap<>();
        for (Member member : members) {
            byName.putIfAbsent(member.queryName(), member);
        }
        this.membersByQueryName = Map.copyOf(byName);
    }

    /** The shape of a model object or builder. */
    public static Shape of(SdkPojo pojo)
    {
        Shape shape = SHAPES.get(pojo.getClass());
        if (shape == null) {
            shape = SHAPES.computeIfAbsent(pojo.getClass(), ignored -> new Shape(pojo.sdkFields().stream().map(Member::of).toList()));
        }
        return shape;
    }

    public List<Member> members()
    {
        return members;
    }

    /** The member a JSON body or a Query parameter names (the model's locationName); null when unknown. */
    public Member member(String queryName)
    {
        return membersByQueryName.get(queryName);
    }

    /** Builds a filled builder; the SDK's builders are all SdkBuilders. */
    public static Object build(SdkPojo builder)
    {
        return ((SdkBuilder<?, ?>) builder).build();
    }
}
