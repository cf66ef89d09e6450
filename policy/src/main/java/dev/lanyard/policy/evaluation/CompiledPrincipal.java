package dev.lanyard.policy.evaluation;

import dev.lanyard.policy.document.PrincipalType;
import dev.lanyard.policy.document.PrincipalValue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Principal entry, classified once: anyone, a whole account, or one exact principal.
 *
 * <p>How it matched matters for the evaluation logic: naming the session or user exactly ({@link #DIRECT}) lets a
 * same-account resource policy grant on its own; naming the role ({@link #ROLE}) still leaves the session's boundary and
 * session policies in force; naming the account ({@link #ACCOUNT}) delegates to the account's identity policies.
 */
record CompiledPrincipal(PrincipalType type, String value, String account)
{
    static final int NONE = 0;
    static final int ACCOUNT = 1;
    static final int ROLE = 2;
    static final int DIRECT = 3;

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROOT_ARN = Pattern.compile("arn:[^:]+:iam::(\\d{12}):root");

    static CompiledPrincipal of(PrincipalValue principal)
    {
        String account = null;
        if (principal.type() == PrincipalType.AWS) {
            Matcher root = ROOT_ARN.matcher(principal.value());
            if (root.matches()) {
                account = root.group(1);
            }
            else if (ACCOUNT_ID.matcher(principal.value()).matches()) {
                account = principal.value();
            }
        }
        return new CompiledPrincipal(principal.type(), principal.value(), account);
    }

    int strength(RequestPrincipal principal)
    {
        return switch (type) {
            case ANYONE -> DIRECT;
            case AWS -> {
                if (value.equals("*")) {
                    yield DIRECT;
                }
                if (account != null) {
                    if (principal.kind() == PrincipalKind.ACCOUNT_ROOT && principal.accountId().orElseThrow().equals(account)) {
                        yield DIRECT;
                    }
                    yield principal.hasIdentityPolicies() && principal.accountId().orElseThrow().equals(account) ? ACCOUNT : NONE;
                }
                if (value.equals(principal.arn())) {
                    yield DIRECT;
                }
                yield principal.roleArn().isPresent() && value.equals(principal.roleArn().get()) ? ROLE : NONE;
            }
            case SERVICE -> principal.kind() == PrincipalKind.SERVICE && (value.equals("*") || value.equals(principal.arn())) ? DIRECT : NONE;
            case FEDERATED -> principal.kind() == PrincipalKind.WEB_IDENTITY && (value.equals("*") || value.equals(principal.arn())) ? DIRECT : NONE;
            case CANONICAL_USER -> principal.canonicalUserId().isPresent() && (value.equals("*") || value.equals(principal.canonicalUserId().get())) ? DIRECT : NONE;
        };
    }

    /**
     * NotPrincipal exempts only the principal it names exactly: AWS's example lists user Bob and his account root to exempt
     * Bob alone, not every user of the account, and a role ARN does not exempt the role's sessions.
     */
    boolean excludes(RequestPrincipal principal)
    {
        return strength(principal) == DIRECT;
    }
}
