package dev.lanyard.policy.evaluation;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything a decision depends on: principal, action, resource and the context keys. The engine has no clock; the
 * server puts aws:CurrentTime and aws:EpochTime here.
 *
 * <p>Key names are case-insensitive (AWS's rule) and stored lowercased; values keep their case.
 */
public final class RequestContext
{
    private final RequestPrincipal principal;
    private final String action;
    private final String actionLowerCase;
    private final String serviceLowerCase;
    private final String resource;
    private final Optional<String> resourceAccount;
    private final Map<String, ContextValue[]> values;

    private RequestContext(RequestPrincipal principal, String action, String resource, Optional<String> resourceAccount, Map<String, ContextValue[]> values)
    {
        this.principal = requireNonNull(principal, "principal is null");
        this.action = requireNonNull(action, "action is null");
        this.resource = requireNonNull(resource, "resource is null");
        this.resourceAccount = requireNonNull(resourceAccount, "resourceAccount is null");
        this.values = Map.copyOf(values);
        this.actionLowerCase = action.toLowerCase(Locale.ROOT);
        int colon = actionLowerCase.indexOf(':');
        this.serviceLowerCase = colon < 0 ? actionLowerCase : actionLowerCase.substring(0, colon);
    }

    public static Builder builder(RequestPrincipal principal, String action, String resource)
    {
        return new Builder(principal, action, resource);
    }

    public RequestPrincipal principal()
    {
        return principal;
    }

    public String action()
    {
        return action;
    }

    String actionLowerCase()
    {
        return actionLowerCase;
    }

    String serviceLowerCase()
    {
        return serviceLowerCase;
    }

    /** The resource ARN, or "*" for actions without resource-level permissions. */
    public String resource()
    {
        return resource;
    }

    /** The account owning the resource; empty means the principal's own account. */
    public Optional<String> resourceAccount()
    {
        return resourceAccount;
    }

    public boolean crossAccount()
    {
        return resourceAccount.isPresent() && !resourceAccount.equals(principal.accountId());
    }

    /** The values of a key (lowercased name), or null when the request does not have the key. */
    ContextValue[] valuesOfLowerCaseKey(String lowerCaseKey)
    {
        return values.get(lowerCaseKey);
    }

    public Optional<List<ContextValue>> values(String key)
    {
        return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT))).map(List::of);
    }

    public Map<String, List<ContextValue>> allValues()
    {
        Map<String, List<ContextValue>> copy = new HashMap<>();
        values.forEach((key, keyValues) -> copy.put(key, List.of(keyValues)));
        return copy;
    }

    @Override
    public String toString()
    {
        return "RequestContext[" + principal.arn() + " " + action + " " + resource + " " + resourceAccount.orElse("") + " " + allValues() + "]";
    }

    public static final class Builder
    {
        private final RequestPrincipal principal;
        private final String action;
        private final String resource;
        private Optional<String> resourceAccount = Optional.empty();
        private final Map<String, ContextValue[]> values = new HashMap<>();

        private Builder(RequestPrincipal principal, String action, String resource)
        {
            this.principal = requireNonNull(principal, "principal is null");
            this.action = requireNonNull(action, "action is null");
            this.resource = requireNonNull(resource, "resource is null");
        }

        public Builder resourceAccount(String accountId)
        {
            this.resourceAccount = Optional.of(accountId);
            return this;
        }

        public Builder put(String key, ContextValue value)
        {
            values.put(key.toLowerCase(Locale.ROOT), new ContextValue[] {requireNonNull(value, "value is null")});
            return this;
        }

        /** A multi-valued key; an empty list is a key that is present with no values (AWS's empty set). */
        public Builder putAll(String key, List<ContextValue> keyValues)
        {
            values.put(key.toLowerCase(Locale.ROOT), keyValues.toArray(ContextValue[]::new));
            return this;
        }

        public Builder putString(String key, String value)
        {
            return put(key, ContextValue.string(value));
        }

        public RequestContext build()
        {
            return new RequestContext(principal, action, resource, resourceAccount, values);
        }
    }
}
