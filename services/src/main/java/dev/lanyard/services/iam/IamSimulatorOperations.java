package dev.lanyard.services.iam;

import dev.lanyard.policy.MalformedPolicyException;
import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.PolicyValidation;
import dev.lanyard.policy.document.ContextKeys;
import dev.lanyard.policy.document.PolicyDocument;
import dev.lanyard.policy.evaluation.PrincipalKind;
import dev.lanyard.policy.evaluation.RequestPrincipal;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.iam.SimulatorEvaluation.Outcome;
import dev.lanyard.services.iam.SimulatorPrincipalPolicies.SimulatorPolicySource;
import dev.lanyard.services.iam.SimulatorPrincipalPolicies.SimulatorPrincipal;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.ResourceSpecificResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** IAM: the policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy) and the context-key listings that go with it. */
public final class IamSimulatorOperations
{
    private static final Pattern USER_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):user/(.+/)?[^/]+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ACCOUNT_ROOT_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):root");
    /** AWS's EC2 scenarios for ResourceHandlingOption (IAM API reference, SimulatePrincipalPolicy). */
    private static final Set<String> SCENARIOS = Set.of(
            "EC2-Classic-InstanceStore", "EC2-Classic-EBS",
            "EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet");

    private final IamContext iam;

    public IamSimulatorOperations(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(SimulatePrincipalPolicyRequest.class, this::simulatePrincipalPolicy);
        registry.register(SimulateCustomPolicyRequest.class, this::simulateCustomPolicy);
        registry.register(GetContextKeysForPrincipalPolicyRequest.class, this::getContextKeysForPrincipalPolicy);
        registry.register(GetContextKeysForCustomPolicyRequest.class, this::getContextKeysForCustomPolicy);
    }

    SimulatePrincipalPolicyResponse simulatePrincipalPolicy(CallContext context, SimulatePrincipalPolicyRequest request)
    {
        String accountId = context.caller().accountId();
        SimulatorPrincipal principal = iam.store().read(transaction -> SimulatorPrincipalPolicies.load(transaction, accountId, request.policySourceArn()));
        List<SimulatorPolicySource> identity = new ArrayList<>(principal.identity());
        identity.addAll(inputSources(request.policyInputList(), "PolicyInputList"));
        // A boundary passed in the request replaces the entity's own for the simulation (AWS: "the new permissions boundary policy is used").
        List<SimulatorPolicySource> boundary = request.permissionsBoundaryPolicyInputList().isEmpty()
                ? principal.boundary().stream().toList()
                : inputSources(request.permissionsBoundaryPolicyInputList(), "PermissionsBoundaryPolicyInputList");
        Optional<SimulatorPolicySource> resourcePolicy = resourcePolicy(request.resourcePolicy());

        RequestPrincipal caller;
        if (request.callerArn() != null) {
            caller = callerUser(request.callerArn());
        }
        else if (principal.kind().equals(EntityKinds.USER)) {
            caller = RequestPrincipal.user(accountId, principal.arn());
        }
        else if (resourcePolicy.isPresent()) {
            throw IamErrors.invalidInput("CallerArn must be specified when simulating a resource policy for a group or role.");
        }
        else if (principal.kind().equals(EntityKinds.ROLE)) {
            // the role's sessions: identity policies and boundary apply as to any session of the role
            caller = new RequestPrincipal(PrincipalKind.ASSUMED_ROLE, principal.arn(), Optional.of(accountId), Optional.of(principal.arn()), Optional.empty());
        }
        else {
            // a group is no principal; without a resource policy only its identity policies matter
            caller = RequestPrincipal.user(accountId, principal.arn());
        }
        Page page = simulate(caller, identity, boundary, resourcePolicy, request.actionNames(), request.resourceArns(), request.resourceOwner(),
                request.contextEntries(), request.resourceHandlingOption(), request.maxItems(), request.marker());
        return SimulatePrincipalPolicyResponse.builder()
                .evaluationResults(page.results())
                .isTruncated(page.truncated())
                .marker(page.marker())
                .build();
    }

    SimulateCustomPolicyResponse simulateCustomPolicy(CallContext context, SimulateCustomPolicyRequest request)
    {
        String accountId = context.caller().accountId();
        List<SimulatorPolicySource> identity = inputSources(request.policyInputList(), "PolicyInputList");
        List<SimulatorPolicySource> boundary = inputSources(request.permissionsBoundaryPolicyInputList(), "PermissionsBoundaryPolicyInputList");
        Optional<SimulatorPolicySource> resourcePolicy = resourcePolicy(request.resourcePolicy());
        RequestPrincipal caller;
        if (request.callerArn() != null) {
            caller = callerUser(request.callerArn());
        }
        else if (resourcePolicy.isPresent()) {
            throw IamErrors.invalidInput("CallerArn must be specified when simulating a resource policy.");
        }
        else {
            // No caller named: an IAM user of the calling account whose only permissions are the given policies. Its ARN
            // matters only for resource policies, which require CallerArn.
            caller = RequestPrincipal.user(accountId, IamArns.user(accountId, "/", "PolicySimulatorUser"));
        }
        Page page = simulate(caller, identity, boundary, resourcePolicy, request.actionNames(), request.resourceArns(), request.resourceOwner(),
                request.contextEntries(), request.resourceHandlingOption(), request.maxItems(), request.marker());
        return SimulateCustomPolicyResponse.builder()
                .evaluationResults(page.results())
                .isTruncated(page.truncated())
                .marker(page.marker())
                .build();
    }

    GetContextKeysForPrincipalPolicyResponse getContextKeysForPrincipalPolicy(CallContext context, GetContextKeysForPrincipalPolicyRequest request)
    {
        String accountId = context.caller().accountId();
        SimulatorPrincipal principal = iam.store().read(transaction -> SimulatorPrincipalPolicies.load(transaction, accountId, request.policySourceArn()));
        List<PolicyDocument> documents = new ArrayList<>();
        for (SimulatorPolicySource source : principal.identity()) {
            documents.add(SimulatorEvaluation.parse(source, PolicyUse.IDENTITY));
        }
        documents.addAll(anyPolicies(request.policyInputList()));
        return GetContextKeysForPrincipalPolicyResponse.builder().contextKeyNames(ContextKeys.referencedBy(documents)).build();
    }

    GetContextKeysForCustomPolicyResponse getContextKeysForCustomPolicy(CallContext context, GetContextKeysForCustomPolicyRequest request)
    {
        return GetContextKeysForCustomPolicyResponse.builder().contextKeyNames(ContextKeys.referencedBy(anyPolicies(request.policyInputList()))).build();
    }

    /** Identity or resource policies alike (the context-key listings take either): the identity grammar's message when both refuse. */
    private static List<PolicyDocument> anyPolicies(List<String> texts)
    {
        List<PolicyDocument> documents = new ArrayList<>();
        for (String text : texts) {
            try {
                documents.add(PolicyValidation.parse(text, PolicyUse.IDENTITY));
            }
            catch (MalformedPolicyException identityError) {
                try {
                    documents.add(PolicyValidation.parse(text, PolicyUse.RESOURCE));
                }
                catch (MalformedPolicyException resourceError) {
                    throw IamErrors.invalidInput(identityError.getMessage());
                }
            }
        }
        return documents;
    }

    private static List<SimulatorPolicySource> inputSources(List<String> texts, String parameter)
    {
        List<SimulatorPolicySource> sources = new ArrayList<>();
        for (int index = 0; index < texts.size(); index++) {
            sources.add(new SimulatorPolicySource(parameter + "." + (index + 1), PolicySourceType.NONE, texts.get(index), true));
        }
        return sources;
    }

    private static Optional<SimulatorPolicySource> resourcePolicy(String text)
    {
        return Optional.ofNullable(text).map(document -> new SimulatorPolicySource("ResourcePolicy", PolicySourceType.RESOURCE, document, true));
    }

    private static RequestPrincipal callerUser(String callerArn)
    {
        Matcher matcher = USER_ARN.matcher(callerArn);
        if (!matcher.matches()) {
            throw IamErrors.invalidInput("Invalid CallerArn: " + callerArn + ". CallerArn must be the ARN of an IAM user.");
        }
        return RequestPrincipal.user(matcher.group(1), callerArn);
    }

    private record Page(List<EvaluationResult> results, boolean truncated, String marker) {}

    private static Page simulate(
            RequestPrincipal caller,
            List<SimulatorPolicySource> identity,
            List<SimulatorPolicySource> boundary,
            Optional<SimulatorPolicySource> resourcePolicy,
            List<String> actions,
            List<String> resourceArns,
            String resourceOwner,
            List<ContextEntry> contextEntries,
            String resourceHandlingOption,
            Integer maxItems,
            String marker)
    {
        for (String action : actions) {
            if (action.indexOf(':') <= 0 || action.indexOf('*') >= 0 || action.indexOf('?') >= 0) {
                throw IamErrors.invalidInput("Invalid action name: " + action + ". Action names must name one action with its service prefix, without wildcards.");
            }
        }
        List<String> invalid = resourceArns.stream().filter(arn -> !arn.equals("*") && !isArn(arn)).toList();
        if (!invalid.isEmpty()) {
            throw IamErrors.invalidInput("ResourceNames are not in a valid ARN format: " + String.join(", ", invalid) + ".");
        }
        if (resourceHandlingOption != null && !SCENARIOS.contains(resourceHandlingOption)) {
            throw IamErrors.invalidInput("Invalid ResourceHandlingOption: " + resourceHandlingOption + ". Valid values are " + String.join(", ", SCENARIOS.stream().sorted().toList()) + ".");
        }
        Optional<String> owner = resourceOwner(resourceOwner);
        int start = startIndex(marker);
        SimulatorContextEntries entries = SimulatorContextEntries.of(contextEntries);
        SimulatorEvaluation evaluation = new SimulatorEvaluation(identity, boundary, resourcePolicy);
        List<String> missing = evaluation.missingContextValues(entries.lowerCaseKeys());

        // "*" (explicit or by leaving ResourceArns out) reports at the top level; ARNs get ResourceSpecificResults each
        boolean everyResource = resourceArns.isEmpty() || resourceArns.equals(List.of("*"));
        boolean scenario = resourceHandlingOption != null && !everyResource;
        int perAction = everyResource || scenario ? 1 : resourceArns.size();
        int total = actions.size() * perAction;
        int limit = maxItems == null ? IamPaging.DEFAULT_MAX_ITEMS : maxItems;
        int end = Math.min(total, start + limit);

        List<EvaluationResult> results = new ArrayList<>();
        for (int index = start; index < end; index++) {
            String action = actions.get(index / perAction);
            if (everyResource) {
                Outcome outcome = evaluation.decide(caller, action, "*", owner, entries);
                EvaluationResult.Builder result = EvaluationResult.builder()
                        .evalActionName(action)
                        .evalResourceName("*")
                        .evalDecision(outcome.decision())
                        .matchedStatements(outcome.matchedStatements())
                        .missingContextValues(missing);
                outcome.boundaryDetail().ifPresent(result::permissionsBoundaryDecisionDetail);
                results.add(result.build());
            }
            else if (scenario) {
                results.add(scenarioResult(evaluation, caller, action, resourceArns, owner, entries, missing));
            }
            else {
                String resource = resourceArns.get(index % perAction);
                Outcome outcome = evaluation.decide(caller, action, resource, resourceAccount(resource, owner), entries);
                EvaluationResult.Builder result = EvaluationResult.builder()
                        .evalActionName(action)
                        .evalResourceName(resource)
                        .evalDecision(outcome.decision())
                        .matchedStatements(outcome.matchedStatements())
                        .missingContextValues(List.of())
                        .resourceSpecificResults(outcome.toResourceSpecificResult(missing));
                outcome.boundaryDetail().ifPresent(result::permissionsBoundaryDecisionDetail);
                outcome.decisionDetails().ifPresent(result::evalDecisionDetailsWithStrings);
                results.add(result.build());
            }
        }
        boolean truncated = end < total;
        return new Page(results, truncated, truncated ? IamPaging.marker(Integer.toString(end)) : null);
    }

    /** An EC2 scenario: one result per action over all its resources, allowed only if every resource is. */
    private static EvaluationResult scenarioResult(
            SimulatorEvaluation evaluation,
            RequestPrincipal caller,
            String action,
            List<String> resourceArns,
            Optional<String> owner,
            SimulatorContextEntries entries,
            List<String> missing)
    {
        List<ResourceSpecificResult> perResource = new ArrayList<>();
        List<Statement> matched = new ArrayList<>();
        boolean anyExplicitDeny = false;
        boolean allAllowed = true;
        for (String resource : resourceArns) {
            Outcome outcome = evaluation.decide(caller, action, resource, resourceAccount(resource, owner), entries);
            perResource.add(outcome.toResourceSpecificResult(missing));
            anyExplicitDeny |= outcome.decision() == PolicyEvaluationDecisionType.EXPLICIT_DENY;
            allAllowed &= outcome.decision() == PolicyEvaluationDecisionType.ALLOWED;
            outcome.matchedStatements().stream().filter(statement -> !matched.contains(statement)).forEach(matched::add);
        }
        PolicyEvaluationDecisionType decision = anyExplicitDeny ? PolicyEvaluationDecisionType.EXPLICIT_DENY
                : allAllowed ? PolicyEvaluationDecisionType.ALLOWED : PolicyEvaluationDecisionType.IMPLICIT_DENY;
        return EvaluationResult.builder()
                .evalActionName(action)
                .evalDecision(decision)
                .matchedStatements(matched)
                .missingContextValues(List.of())
                .resourceSpecificResults(perResource)
                .build();
    }

    private static boolean isArn(String text)
    {
        String[] parts = text.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[1].isEmpty() && !parts[2].isEmpty() && !parts[5].isEmpty();
    }

    /** ResourceOwner: an account id or its root ARN. */
    private static Optional<String> resourceOwner(String resourceOwner)
    {
        if (resourceOwner == null) {
            return Optional.empty();
        }
        if (ACCOUNT_ID.matcher(resourceOwner).matches()) {
            return Optional.of(resourceOwner);
        }
        Matcher root = ACCOUNT_ROOT_ARN.matcher(resourceOwner);
        if (root.matches()) {
            return Optional.of(root.group(1));
        }
        throw IamErrors.invalidInput("'" + resourceOwner + "' is not a valid as a Resource Owner.");
    }

    /** The account owning a resource: ResourceOwner when given, else the account part of its ARN (empty for "arn:aws:s3:::bucket"). */
    private static Optional<String> resourceAccount(String resource, Optional<String> owner)
    {
        if (owner.isPresent()) {
            return owner;
        }
        String[] parts = resource.split(":", 6);
        return parts.length == 6 && !parts[4].isEmpty() ? Optional.of(parts[4]) : Optional.empty();
    }

    private static int startIndex(String marker)
    {
        String decoded = IamPaging.afterName(marker);
        if (decoded == null) {
            return 0;
        }
        try {
            int index = Integer.parseInt(decoded);
            if (index < 0) {
                throw new NumberFormatException();
            }
            return index;
        }
        catch (NumberFormatException notOurs) {
            throw IamErrors.invalidInput("Invalid Marker.");
        }
    }
}
