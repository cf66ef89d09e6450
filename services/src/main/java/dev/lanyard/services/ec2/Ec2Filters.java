package dev.lanyard.services.ec2;

import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * EC2's Filter semantics over one kind of resource: the filters of a request must all match (AND), a filter matches when
 * any of its values matches any of the resource's values for that name (OR), and values may use the wildcards {@code *}
 * and {@code ?} ({@code \} escapes one). {@code tag:KEY}, {@code tag-key} and {@code tag-value} are offered when the
 * resource has tags. An unknown filter name is refused, so a misspelt filter never silently matches everything.
 */
final class Ec2Filters<T>
{
    private static final String TAG_PREFIX = "tag:";

    private final Map<String, Function<T, List<String>>> attributes;
    private final Optional<Function<T, Map<String, String>>> tags;

    Ec2Filters(Map<String, Function<T, List<String>>> attributes, Optional<Function<T, Map<String, String>>> tags)
    {
        this.attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
        this.tags = requireNonNull(tags, "tags is null");
    }

    /** The request's filters as one predicate; a filter without values matches nothing. */
    Predicate<T> compile(List<Filter> filters)
    {
        Predicate<T> all = resource -> true;
        for (Filter filter : filters) {
            all = all.and(compile(filter));
        }
        return all;
    }

    private Predicate<T> compile(Filter filter)
    {
        String name = filter.name() == null ? "" : filter.name();
        List<Pattern> patterns = filter.values().stream().filter(value -> value != null).map(Ec2Filters::wildcard).toList();
        Function<T, List<String>> values = valuesOf(name);
        return resource -> {
            for (String value : values.apply(resource)) {
                for (Pattern pattern : patterns) {
                    if (pattern.matcher(value).matches()) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private Function<T, List<String>> valuesOf(String name)
    {
        Function<T, List<String>> attribute = attributes.get(name);
        if (attribute != null) {
            return attribute;
        }
        if (tags.isPresent()) {
            Function<T, Map<String, String>> tagsOf = tags.get();
            if (name.startsWith(TAG_PREFIX) && name.length() > TAG_PREFIX.length()) {
                String key = name.substring(TAG_PREFIX.length());
                return resource -> Optional.ofNullable(tagsOf.apply(resource).get(key)).map(List::of).orElse(List.of());
            }
            if (name.equals("tag-key")) {
                return resource -> List.copyOf(tagsOf.apply(resource).keySet());
            }
            if (name.equals("tag-value")) {
                return resource -> List.copyOf(tagsOf.apply(resource).values());
            }
        }
        throw Ec2Errors.invalidFilter(name);
    }

    static Pattern wildcard(String value)
    {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            if (character == '\\' && index + 1 < value.length()) {
                literal.append(value.charAt(++index));
                continue;
            }
            if (character == '*' || character == '?') {
                appendLiteral(regex, literal);
                regex.append(character == '*' ? ".*" : ".");
                continue;
            }
            literal.append(character);
        }
        appendLiteral(regex, literal);
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static void appendLiteral(StringBuilder regex, StringBuilder literal)
    {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    /** For building the attribute map: a single value, or none when the resource has none. */
    static List<String> single(String value)
    {
        return value == null || value.isEmpty() ? List.of() : List.of(value);
    }
}
