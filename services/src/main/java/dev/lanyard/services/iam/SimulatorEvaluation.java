package dev.lanyard.services.iam;

import dev.lanyard.policy.MalformedPolicyException;
import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import dev.lanyard.policy.document.ContextKeys;
import dev.lanyard.policy.document.PolicyDocument;
import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.EvaluationResult;
import dev.lanyard.policy.evaluation.MatchedStatement;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import dev.lanyard.services.iam.SimulatorPrincipalPolicies.SimulatorPolicySource;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryDecisionDetail;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationException;
import software.amazon.awssdk.services.iam.model.Position;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One simulation: the given identity, boundary and resource policies compiled once, then one decision per action and
 * resource, in AWS's EvaluationResult shape.
 *
 * <p>Policies are compiled under internal ids ("0", "1", ...) so every matched statement leads back to its source's
 * SourcePolicyId and SourcePolicyType, whatever names the sources share.
 */
public final class SimulatorEvaluation
{
    /** AWS's EvalDecisionDetails keys for the two sides of a cross-account decision (our naming: AWS does not document them). */
    static final String IDENTITY_DETAIL = "IAM Policy";
    static final String RESOURCE_DETAIL = "Resource Policy";

    private final Map<String, SimulatorPolicySource> sources = new HashMap<>();
    private final List<PolicyDocument> documents = new ArrayList<>();
    private final PolicySet policySet;
    private final Optional<PolicyGroup> identityGroup;
    private final Optional<PolicyGroup> boundaryGroup;
    private final Optional<PolicyGroup> resourceGroup;

    public SimulatorEvaluation(List<SimulatorPolicySource> identity, List<SimulatorPolicySource> boundary, Optional<SimulatorPolicySource> resourcePolicy)
    {
        requireNonNull(identity, "identity is null");
        requireNonNull(boundary, "boundary is null");
        requireNonNull(resourcePolicy, "resourcePolicy is null");
        PolicyGroup identityPolicies = PolicyGroup.of(PolicyLayer.IDENTITY, compile(identity, PolicyUse.IDENTITY));
        this.identityGroup = Optional.of(identityPolicies);
        this.boundaryGroup = boundary.isEmpty() ? Optional.empty() : Optional.of(PolicyGroup.of(PolicyLayer.PERMISSIONS_BOUNDARY, compile(boundary, PolicyUse.IDENTITY)));
        this.resourceGroup = resourcePolicy.map(source -> PolicyGroup.of(PolicyLayer.RESOURCE, compile(List.of(source), PolicyUse.RESOURCE)));
        this.policySet = new PolicySet(Optional.empty(), identityPolicies, boundaryGroup, Optional.empty());
    }

    /** Parses a document the way the simulator reads it; a bad document the caller passed is InvalidInput. */
    public static PolicyDocument parse(SimulatorPolicySource source, PolicyUse use)
    {
        try {
            return PolicyValidation.parse(source.document(), use);
        }
        catch (MalformedPolicyException malformed) {
            if (source.fromRequest()) {
                throw IamErrors.invalidInput(malformed.getMessage());
            }
            // A stored document the current grammar refuses (saved under an older, laxer check): AWS's evaluation error.
            throw PolicyEvaluationException.builder()
                    .message("Error evaluating policy " + source.sourceId() + ": " + malformed.getMessage())
                    .build();
        }
    }

    private List<CompiledPolicy> compile(List<SimulatorPolicySource> group, PolicyUse use)
    {
        List<CompiledPolicy> compiled = new ArrayList<>();
        for (SimulatorPolicySource source : group) {
            PolicyDocument document = parse(source, use);
            String id = Integer.toString(sources.size());
            sources.put(id, source);
            documents.add(document);
            compiled.add(CompiledPolicy.compile(id, document));
        }
        return compiled;
    }

    /** Keys the policies refer to that the context entries do not provide, in the order the policies name them. */
    public List<String> missingContextValues(Set<String> providedLowerCaseKeys)
    {
        return ContextKeys.referencedBy(documents).stream()
                .filter(key -> !providedLowerCaseKeys.contains(key.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /** The decision for one action on one resource, with everything ResourceSpecificResult and EvaluationResult show. */
    public record Outcome(
            String resource,
            PolicyEvaluationDecisionType decision,
            List<Statement> matchedStatements,
            Optional<PermissionsBoundaryDecisionDetail> boundaryDetail,
            Optional<Map<String, String>> decisionDetails)
    {
        public ResourceSpecificResult toResourceSpecificResult(List<String> missingContextValues)
        {
            ResourceSpecificResult.Builder builder = ResourceSpecificResult.builder()
                    .evalResourceName(resource)
                    .evalResourceDecision(decision)
                    .matchedStatements(matchedStatements)
                    .missingContextValues(missingContextValues);
            boundaryDetail.ifPresent(builder::permissionsBoundaryDecisionDetail);
            decisionDetails.ifPresent(builder::evalDecisionDetailsWithStrings);
            return builder.build();
        }
    }

    public Outcome decide(RequestPrincipal principal, String action, String resource, Optional<String> resourceAccount, SimulatorContextEntries entries)
    {
        RequestContext.Builder builder = RequestContext.builder(principal, action, resource);
        resourceAccount.ifPresent(builder::resourceAccount);
        entries.addTo(builder);
        RequestContext request = builder.build();
        Decision decision = policySet.decide(request, resourceGroup);

        List<Statement> matched = decision.matchedStatements().stream().map(this::toStatement).toList();
        Optional<PermissionsBoundaryDecisionDetail> boundaryDetail = boundaryGroup.map(group -> PermissionsBoundaryDecisionDetail.builder()
                .allowedByPermissionsBoundary(group.outcome(request) == EvaluationResult.ALLOWED)
                .build());
        // AWS: details for cross-account simulations; present but empty for a same-account ARN; absent for "*"
        Optional<Map<String, String>> details = Optional.empty();
        if (request.crossAccount()) {
            Map<String, String> sides = new LinkedHashMap<>();
            sides.put(IDENTITY_DETAIL, identitySide(request).awsName());
            sides.put(RESOURCE_DETAIL, resourceGroup.map(group -> group.outcome(request)).orElse(EvaluationResult.IMPLICIT_DENY).awsName());
            details = Optional.of(sides);
        }
        else if (!resource.equals("*")) {
            details = Optional.of(Map.of());
        }
        return new Outcome(resource, PolicyEvaluationDecisionType.fromValue(decision.result().awsName()), matched, boundaryDetail, details);
    }

    /** The trusted account's own verdict: identity policies, within the permissions boundary. */
    private EvaluationResult identitySide(RequestContext request)
    {
        EvaluationResult identity = identityGroup.orElseThrow().outcome(request);
        EvaluationResult boundary = boundaryGroup.map(group -> group.outcome(request)).orElse(EvaluationResult.ALLOWED);
        if (identity == EvaluationResult.EXPLICIT_DENY || boundary == EvaluationResult.EXPLICIT_DENY) {
            return EvaluationResult.EXPLICIT_DENY;
        }
        return identity == EvaluationResult.ALLOWED && boundary == EvaluationResult.ALLOWED ? EvaluationResult.ALLOWED : EvaluationResult.IMPLICIT_DENY;
    }

    private Statement toStatement(MatchedStatement matched)
    {
        SimulatorPolicySource source = sources.get(matched.policyId());
        // The engine reports the column of the statement's "{"; AWS's StartPosition is the column after it (in the AWS
        // CLI's documented simulate-custom-policy output, a statement whose "{" is at column 37 starts at 38).
        // EndPosition is the column after the closing "}" in both.
        return Statement.builder()
                .sourcePolicyId(source.sourceId())
                .sourcePolicyType(source.sourceType())
                .startPosition(Position.builder().line(matched.start().line()).column(matched.start().column() + 1).build())
                .endPosition(Position.builder().line(matched.end().line()).column(matched.end().column()).build())
                .build();
    }
}
