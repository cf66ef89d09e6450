package dev.lanyard.policy.reference;

import dev.lanyard.policy.document.ConditionClause;
import dev.lanyard.policy.document.Effect;
import dev.lanyard.policy.document.PolicyDocument;
import dev.lanyard.policy.document.PrincipalType;
import dev.lanyard.policy.document.PrincipalValue;
import dev.lanyard.policy.document.Statement;
import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.policy.evaluation.Decision;
import dev.lanyard.policy.evaluation.EvaluationResult;
import dev.lanyard.policy.evaluation.MatchedStatement;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.policy.evaluation.PolicyLayer;
import dev.lanyard.policy.evaluation.PolicySet;
import dev.lanyard.policy.evaluation.PrincipalKind;
import dev.lanyard.policy.evaluation.RequestContext;
import dev.lanyard.policy.evaluation.RequestPrincipal;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A deliberately simple evaluator written straight from AWS's documentation, for differential testing: no index, no
 * precompilation, regular expressions for wildcards, BigDecimal for numbers. Slow and obvious on purpose.
 */
public final class ReferenceEvaluator
{
    private ReferenceEvaluator() {}

    private record Applied(MatchedStatement statement, int principalMatch) {}

    // how a statement's principal matched: 3 names the caller itself (or no Principal element), 2 names its role, 1 its account
    private static final int NO_MATCH = 0;

    public static Decision decide(PolicySet policySet, Optional<PolicyGroup> resource, RequestContext request)
    {
        RequestPrincipal principal = request.principal();
        boolean hasIdentity = principal.kind() == PrincipalKind.USER || principal.kind() == PrincipalKind.ASSUMED_ROLE || principal.kind() == PrincipalKind.FEDERATED_USER;

        List<Applied> organization = policySet.organization().map(group -> applied(group, request)).orElse(List.of());
        List<Applied> resourceApplied = resource.map(group -> applied(group, request)).orElse(List.of());
        List<Applied> identity = hasIdentity ? applied(policySet.identity(), request) : List.of();
        List<Applied> boundary = hasIdentity ? policySet.permissionsBoundary().map(group -> applied(group, request)).orElse(List.of()) : List.of();
        List<Applied> session = hasIdentity ? policySet.session().map(group -> applied(group, request)).orElse(List.of()) : List.of();

        List<Applied> all = new ArrayList<>();
        all.addAll(organization);
        all.addAll(resourceApplied);
        all.addAll(identity);
        all.addAll(boundary);
        all.addAll(session);

        // 1. an explicit deny in any policy wins
        List<MatchedStatement> denies = all.stream().map(Applied::statement).filter(statement -> statement.effect() == Effect.DENY).toList();
        if (!denies.isEmpty()) {
            return new Decision(EvaluationResult.EXPLICIT_DENY, denies.getFirst().layer(), denies);
        }
        List<MatchedStatement> allows = all.stream().map(Applied::statement).toList();

        // 2. organization policies must allow
        if (policySet.organization().isPresent() && organization.isEmpty()) {
            return implicit(PolicyLayer.ORGANIZATION);
        }
        int resourceMatch = resourceApplied.stream().mapToInt(Applied::principalMatch).max().orElse(NO_MATCH);
        boolean crossAccount = request.resourceAccount().isPresent() && !request.resourceAccount().equals(principal.accountId());

        // 3. the root user owns its account
        if (principal.kind() == PrincipalKind.ACCOUNT_ROOT) {
            if (!crossAccount) {
                return new Decision(EvaluationResult.ALLOWED, PolicyLayer.ACCOUNT_ROOT, allows);
            }
            return resourceMatch > NO_MATCH ? new Decision(EvaluationResult.ALLOWED, PolicyLayer.RESOURCE, allows) : implicit(PolicyLayer.RESOURCE);
        }
        // 4. principals without identity policies depend on the resource policy alone
        if (!hasIdentity) {
            return resourceMatch > NO_MATCH ? new Decision(EvaluationResult.ALLOWED, PolicyLayer.RESOURCE, allows) : implicit(PolicyLayer.RESOURCE);
        }
        boolean boundaryAllows = policySet.permissionsBoundary().isEmpty() || !boundary.isEmpty();
        boolean sessionAllows = policySet.session().isEmpty() || !session.isEmpty();

        // 5. same account: a resource policy can grant by itself
        if (!crossAccount && (resourceMatch == 3 || (resourceMatch == 2 && boundaryAllows && sessionAllows))) {
            return new Decision(EvaluationResult.ALLOWED, PolicyLayer.RESOURCE, allows);
        }
        if (identity.isEmpty()) {
            return implicit(PolicyLayer.IDENTITY);
        }
        if (!boundaryAllows) {
            return implicit(PolicyLayer.PERMISSIONS_BOUNDARY);
        }
        if (!sessionAllows) {
            return implicit(PolicyLayer.SESSION);
        }
        // 6. cross account: the resource side must allow too
        if (crossAccount && resourceMatch == NO_MATCH) {
            return implicit(PolicyLayer.RESOURCE);
        }
        return new Decision(EvaluationResult.ALLOWED, PolicyLayer.IDENTITY, allows);
    }

    private static Decision implicit(PolicyLayer layer)
    {
        return new Decision(EvaluationResult.IMPLICIT_DENY, layer, List.of());
    }

    private static List<Applied> applied(PolicyGroup group, RequestContext request)
    {
        List<Applied> applied = new ArrayList<>();
        for (CompiledPolicy policy : group.policies()) {
            PolicyDocument document = policy.document();
            boolean variables = document.version().text().equals("2012-10-17");
            for (Statement statement : document.statements()) {
                int principalMatch = applies(statement, request, variables);
                if (principalMatch > NO_MATCH) {
                    applied.add(new Applied(MatchedStatement.of(policy.policyId(), group.layer(), statement), principalMatch));
                }
            }
        }
        return applied;
    }

    private static int applies(Statement statement, RequestContext request, boolean variables)
    {
        boolean actionMatches = statement.actions().values().stream()
                .anyMatch(action -> wildcardRegex(action, true).matcher(request.action()).matches());
        if (actionMatches == statement.actions().negated()) {
            return NO_MATCH;
        }
        if (statement.resources().isPresent()) {
            boolean resourceMatches = statement.resources().get().values().stream()
                    .anyMatch(resource -> arnMatches(resource, request.resource(), request, variables));
            if (resourceMatches == statement.resources().get().negated()) {
                return NO_MATCH;
            }
        }
        int principalMatch = 3;
        if (statement.principals().isPresent()) {
            int best = NO_MATCH;
            for (PrincipalValue value : statement.principals().get().principals()) {
                best = Math.max(best, principalMatch(value, request.principal()));
            }
            if (statement.principals().get().negated()) {
                boolean excluded = statement.principals().get().principals().stream()
                        .mapToInt(value -> principalMatch(value, request.principal()))
                        .anyMatch(match -> match == 3);
                principalMatch = excluded ? NO_MATCH : 3;
            }
            else {
                principalMatch = best;
            }
        }
        if (principalMatch == NO_MATCH) {
            return NO_MATCH;
        }
        for (ConditionClause clause : statement.conditions()) {
            if (!ReferenceConditions.holds(clause, request, variables)) {
                return NO_MATCH;
            }
        }
        return principalMatch;
    }

    private static int principalMatch(PrincipalValue value, RequestPrincipal principal)
    {
        String text = value.value();
        switch (value.type()) {
            case ANYONE:
                return 3;
            case AWS: {
                if (text.equals("*")) {
                    return 3;
                }
                String account = null;
                if (text.matches("\\d{12}")) {
                    account = text;
                }
                else if (text.matches("arn:[^:]+:iam::\\d{12}:root")) {
                    account = text.split(":")[4];
                }
                if (account != null) {
                    if (principal.accountId().isEmpty() || !principal.accountId().get().equals(account)) {
                        return NO_MATCH;
                    }
                    if (principal.kind() == PrincipalKind.ACCOUNT_ROOT) {
                        return 3;
                    }
                    return principal.kind() == PrincipalKind.USER || principal.kind() == PrincipalKind.ASSUMED_ROLE || principal.kind() == PrincipalKind.FEDERATED_USER ? 1 : NO_MATCH;
                }
                if (text.equals(principal.arn())) {
                    return 3;
                }
                return principal.roleArn().filter(text::equals).isPresent() ? 2 : NO_MATCH;
            }
            case SERVICE:
                return principal.kind() == PrincipalKind.SERVICE && (text.equals("*") || text.equals(principal.arn())) ? 3 : NO_MATCH;
            case FEDERATED:
                return principal.kind() == PrincipalKind.WEB_IDENTITY && (text.equals("*") || text.equals(principal.arn())) ? 3 : NO_MATCH;
            case CANONICAL_USER:
                return principal.canonicalUserId().filter(id -> text.equals("*") || text.equals(id)).isPresent() ? 3 : NO_MATCH;
        }
        throw new IllegalStateException();
    }

    /** A regex where * is any run and ? any one character; everything else literal; optionally case-insensitive. */
    static Pattern wildcardRegex(String pattern, boolean ignoreCase)
    {
        StringBuilder regex = new StringBuilder();
        for (char character : pattern.toCharArray()) {
            switch (character) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        return compile(regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Compiling regexes dominates the reference's time; caching them changes nothing about its logic. */
    static Pattern compile(String regex, int flags)
    {
        return PATTERNS.computeIfAbsent(flags + "/" + regex, ignored -> Pattern.compile(regex, flags));
    }

    /** ARN matching: wildcards never cross a colon in the first five parts; the last part of the pattern takes the rest. */
    static boolean arnMatches(String patternText, String value, RequestContext request, boolean variables)
    {
        List<ReferenceConditions.Piece> pieces = ReferenceConditions.substitute(patternText, request, variables, true);
        if (pieces == null) {
            return false;
        }
        if (pieces.size() == 1 && pieces.getFirst().wildcard() && pieces.getFirst().character() == '*') {
            return true;
        }
        int colons = (int) pieces.stream().filter(piece -> piece.character() == ':').count();
        int lastSegment = Math.min(colons, 5);
        StringBuilder regex = new StringBuilder();
        int segment = 0;
        for (ReferenceConditions.Piece piece : pieces) {
            boolean inLast = segment >= lastSegment;
            if (piece.wildcard()) {
                regex.append(piece.character() == '*' ? (inLast ? ".*" : "[^:]*") : (inLast ? "." : "[^:]"));
            }
            else {
                if (piece.character() == ':' && segment < lastSegment) {
                    segment++;
                }
                regex.append(Pattern.quote(String.valueOf(piece.character())));
            }
        }
        return compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    static BigDecimal decimal(String text)
    {
        if (!text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?") || text.length() > 64) {
            return null;
        }
        return new BigDecimal(text);
    }

    static Instant instant(String text)
    {
        try {
            if (text.matches("-?\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            if (!text.contains("T")) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            }
            catch (RuntimeException noOffset) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        }
        catch (RuntimeException notADate) {
            return null;
        }
    }

    static byte[] address(String text)
    {
        if (!text.matches("[0-9A-Fa-f:.]+") || (!text.contains(":") && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return null;
        }
        try {
            if (!text.contains(":")) {
                for (String octet : text.split("\\.")) {
                    if (Integer.parseInt(octet) > 255) {
                        return null;
                    }
                }
            }
            return InetAddress.getByName(text).getAddress();
        }
        catch (Exception notAnAddress) {
            return null;
        }
    }

    static byte[] base64(String text)
    {
        try {
            return Base64.getDecoder().decode(text);
        }
        catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    static String text(ContextValue value)
    {
        return value.text();
    }
}
