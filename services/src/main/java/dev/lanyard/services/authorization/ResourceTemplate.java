package dev.lanyard.services.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The ARN an operation is authorized against, as a template over the request: {@code ${Name}} placeholders
 * name a member of the operation's input (a dotted path for nested members), or Partition, Account, Region.
 * Some placeholders the server fills itself:
 * <ul>
 *     <li>{@code pathFromEntity}: {@code ${Path}} is the path of the stored entity (GetRole only carries RoleName);</li>
 *     <li>{@code callerWhenAbsent}: the member (UserName) defaults to the calling user when the request omits it;</li>
 *     <li>{@code serverSupplied}: placeholders computed from stored state, each with how;</li>
 *     <li>{@code defaults}: literal values for absent optional members (Path is "/").</li>
 * </ul>
 * A template of "*" stands for operations whose reference lists no resource type.
 */
public record ResourceTemplate(
        String type,
        String arn,
        boolean required,
        boolean pathFromEntity,
        Optional<String> callerWhenAbsent,
        Map<String, String> serverSupplied,
        Map<String, String> defaults)
{
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    public ResourceTemplate
    {
        requireNonNull(type, "type is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(callerWhenAbsent, "callerWhenAbsent is null");
        serverSupplied = Map.copyOf(requireNonNull(serverSupplied, "serverSupplied is null"));
        defaults = Map.copyOf(requireNonNull(defaults, "defaults is null"));
    }

    public static ResourceTemplate any()
    {
        return new ResourceTemplate("*", "*", true, false, Optional.empty(), Map.of(), Map.of());
    }

    public boolean isWildcard()
    {
        return arn.equals("*");
    }

    /** Placeholder names in order of appearance ("Partition", "Account", "Path", "RoleName"). */
    public List<String> placeholders()
    {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(arn);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * The ARN with every placeholder replaced by its value, or by its default when absent. A list member is
     * rendered once per element by the caller.
     *
     * @throws IllegalArgumentException when a placeholder has neither value nor default
     */
    public String render(Map<String, String> values)
    {
        requireNonNull(values, "values is null");
        Matcher matcher = PLACEHOLDER.matcher(arn);
        StringBuilder result = new StringBuilder(arn.length() + 64);
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = values.get(name);
            if (value == null) {
                value = defaults.get(name);
            }
            if (value == null) {
                throw new IllegalArgumentException("no value for ${" + name + "} in " + arn);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
