package dev.lanyard.policy.evaluation;

/** AWS's EvalDecision values. */
public enum EvaluationResult
{
    ALLOWED("allowed"),
    EXPLICIT_DENY("explicitDeny"),
    IMPLICIT_DENY("implicitDeny");

    private final String awsName;

    EvaluationResult(String awsName)
    {
        this.awsName = awsName;
    }

    public String awsName()
    {
        return awsName;
    }
}
