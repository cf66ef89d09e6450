package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.document.PolicyDocument;
import dev.lanyard.policy.document.Statement;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** One policy document compiled under the id decisions will name it by. Immutable and safe to share between threads. */
public final class CompiledPolicy
{
    private final String policyId;
    private final PolicyDocument document;
    private final List<CompiledStatement> statements;

    private CompiledPolicy(String policyId, PolicyDocument document)
    {
        this.policyId = requireNonNull(policyId, "policyId is null");
        this.document = requireNonNull(document, "document is null");
        boolean variables = document.version().supportsVariables();
        this.statements = document.statements().stream()
                .map(statement -> new CompiledStatement(statement, variables))
                .toList();
    }

    public static CompiledPolicy compile(String policyId, PolicyDocument document)
    {
        return new CompiledPolicy(policyId, document);
    }

    public String policyId()
    {
        return policyId;
    }

    public PolicyDocument document()
    {
        return document;
    }

    List<CompiledStatement> statements()
    {
        return statements;
    }

    public List<Statement> sourceStatements()
    {
        return document.statements();
    }
}
