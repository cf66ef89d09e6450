package dev.lanyard.policy.document;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A condition operator as written: optional set qualifier, base operator, optional IfExists suffix. */
public record ConditionOperator(String text, SetQualifier qualifier, BaseOperator base, boolean ifExists)
{
    public ConditionOperator
    {
        requireNonNull(text, "text is null");
        requireNonNull(qualifier, "qualifier is null");
        requireNonNull(base, "base is null");
    }

    /** Empty when AWS would answer "Invalid Condition type". */
    public static Optional<ConditionOperator> parse(String text)
    {
        String rest = text;
        SetQualifier qualifier = SetQualifier.NONE;
        String lower = text.toLowerCase(Locale.ROOT);
        for (SetQualifier candidate : SetQualifier.values()) {
            if (candidate != SetQualifier.NONE && lower.startsWith(candidate.prefix().toLowerCase(Locale.ROOT))) {
                qualifier = candidate;
                rest = text.substring(candidate.prefix().length());
            }
        }
        boolean ifExists = false;
        if (rest.toLowerCase(Locale.ROOT).endsWith("ifexists")) {
            ifExists = true;
            rest = rest.substring(0, rest.length() - "ifexists".length());
        }
        Optional<BaseOperator> base = BaseOperator.fromAwsName(rest);
        if (base.isEmpty()) {
            return Optional.empty();
        }
        // Null asks whether the key exists; IfExists would make it meaningless, and AWS refuses it
        if (base.get() == BaseOperator.NULL && (ifExists || qualifier != SetQualifier.NONE)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(text, qualifier, base.get(), ifExists));
    }
}
