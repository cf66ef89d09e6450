package dev.lanyard.services.sts;

import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.document.PolicyParser;
import dev.lanyard.policy.evaluation.CompiledPolicy;
import dev.lanyard.policy.evaluation.PolicyGroup;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.services.iam.TrustPolicyPrincipals;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A role as STS needs it: who it is, how long its sessions may last, and its trust policy ready for evaluation.
 *
 * @param trustPolicy the trust policy in the form GetRole shows it: principals bound at save time appear as the current
 *        ARN of the entity with the bound unique id, or as the bare id once that entity is gone, so a recreated
 *        namesake never matches
 */
record AssumableRole(Entity entity, String arn, RoleBody body, PolicyGroup trustPolicy)
{
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role(/|/.*/)([\\w+=,.@-]+)");

    AssumableRole
    {
        requireNonNull(entity, "entity is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(body, "body is null");
        requireNonNull(trustPolicy, "trustPolicy is null");
    }

    /** The account a role ARN names, if it is a role ARN at all. */
    static Optional<String> accountOf(String roleArn)
    {
        Matcher matcher = ROLE_ARN.matcher(roleArn);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The role {@code roleArn} names, if it exists with exactly that path. */
    static Optional<AssumableRole> find(ReadTransaction transaction, String roleArn)
    {
        Matcher matcher = ROLE_ARN.matcher(roleArn);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String accountId = matcher.group(1);
        String path = matcher.group(2);
        return transaction.entityByName(accountId, EntityKinds.ROLE, matcher.group(3))
                .filter(role -> role.path().equals(path))
                .map(role -> {
                    RoleBody body = EntityJson.read(role.body(), RoleBody.class);
                    String displayed = TrustPolicyPrincipals.display(transaction, body.assumeRolePolicyDocument(), body.trustPrincipals());
                    CompiledPolicy trust = CompiledPolicy.compile(role.id(), PolicyParser.parse(displayed, PolicyUse.TRUST));
                    return new AssumableRole(role, roleArn, body, PolicyGroup.roleTrust(List.of(trust)));
                });
    }

    String accountId()
    {
        return entity.accountId();
    }

    String name()
    {
        return entity.name();
    }

    String id()
    {
        return entity.id();
    }

    String sessionArn(String sessionName)
    {
        // AWS leaves the role's path out of the session ARN.
        return "arn:aws:sts::" + accountId() + ":assumed-role/" + name() + "/" + sessionName;
    }

    String sessionPrincipalId(String sessionName)
    {
        return id() + ":" + sessionName;
    }
}
