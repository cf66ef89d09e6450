package dev.lanyard.policy.document;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A parsed and validated policy document; {@code text} is the original, byte for byte. */
public record PolicyDocument(String text, PolicyVersion version, Optional<String> id, List<Statement> statements)
{
    public PolicyDocument
    {
        requireNonNull(text, "text is null");
        requireNonNull(version, "version is null");
        requireNonNull(id, "id is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
    }
}
