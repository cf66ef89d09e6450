package dev.lanyard.services.authorization;

import dev.lanyard.policy.evaluation.ConditionKeys;
import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.RoleBody;
import dev.lanyard.services.iam.UserBody;
import dev.lanyard.services.iam.StoredTag;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Store;
import software.amazon.awssdk.core.SdkRequest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The pipeline's authorization of an operation that does not authorize itself: the action, resource ARNs and condition
 * keys come from the {@link AuthorizationTable} rendered over the typed request, and every (action, resource) pair must be
 * allowed, additional actions included (iam:TagRole for CreateRole with Tags). Operations outside the table are
 * authorized as {@code <prefix>:<Operation>} on "*".
 *
 * <p>What the table marks {@code serverSupplied} (the role inside an instance profile, the default subnet) needs state
 * only the operation has: a main resource renders "*" there, and an additional action that needs such a value is left to
 * the operation, which calls {@link AccessControl#require} itself (iam:PassRole for RunInstances).
 */
public final class RequestAuthorizer
{
    /** Operations AWS does not authorize at all: anyone authenticated may ask who they are, or get an MFA session. */
    private static final Set<String> UNAUTHORIZED_ACTIONS = Set.of("sts:GetCallerIdentity", "sts:GetSessionToken");
    private static final String PARTITION = "aws";
    private static final Map<String, String> ENTITY_KINDS = Map.of(
            "role", EntityKinds.ROLE,
            "user", EntityKinds.USER,
            "group", EntityKinds.GROUP,
            "instance-profile", EntityKinds.INSTANCE_PROFILE,
            "server-certificate", EntityKinds.SERVER_CERTIFICATE);

    private final Store store;
    private final AccessControl accessControl;
    private final Map<AwsService, AuthorizationTable> tables = new EnumMap<>(AwsService.class);

    public RequestAuthorizer(Store store, AccessControl accessControl)
    {
        this.store = requireNonNull(store, "store is null");
        this.accessControl = requireNonNull(accessControl, "accessControl is null");
        for (AwsService service : AwsService.values()) {
            tables.put(service, AuthorizationTable.load(service));
        }
    }

    /** Throws the service's access-denied error unless the caller may run the operation with this request. */
    public void authorize(CallContext context, SdkRequest request)
    {
        requireNonNull(context, "context is null");
        requireNonNull(request, "request is null");
        if (context.caller().isRoot()) {
            // The root may do everything in its account, and the generic path has no resource policies: skip the rendering.
            return;
        }
        Optional<OperationAuthorization> entry = tables.get(context.service()).operation(context.operation());
        if (entry.isEmpty()) {
            accessControl.require(context, context.service().signingName() + ":" + context.operation(), "*", Map.of(), Optional.empty());
            return;
        }
        OperationAuthorization authorization = entry.get();
        if (UNAUTHORIZED_ACTIONS.contains(authorization.action())) {
            return;
        }
        Map<String, List<ContextValue>> requestKeys = requestKeys(context, request, authorization.conditionKeys());
        for (ResourceTemplate template : authorization.resources()) {
            requireEach(context, request, authorization.action(), template, requestKeys, authorization.conditionKeys(), false);
        }
        for (AdditionalAction additional : authorization.additionalActions()) {
            if (additional.whenMember().isEmpty() || !RequestMembers.isPresent(request, additional.whenMember().get())) {
                continue;
            }
            if (additional.resources().stream().anyMatch(template -> needsServerState(request, template))) {
                continue;
            }
            Map<String, List<ContextValue>> keys = requestKeys(context, request, additional.conditionKeys());
            for (ResourceTemplate template : additional.resources()) {
                requireEach(context, request, additional.action(), template, keys, additional.conditionKeys(), true);
            }
        }
    }

    private void requireEach(CallContext context, SdkRequest request, String action, ResourceTemplate template, Map<String, List<ContextValue>> requestKeys,
            List<ConditionKeySource> keySources, boolean additional)
    {
        if (template.isWildcard()) {
            accessControl.require(context, action, "*", requestKeys, Optional.empty());
            return;
        }
        if (!template.required() && !allMembersPresent(request, template)) {
            return;
        }
        Optional<Entity> entity = entity(context, request, template);
        Map<String, List<ContextValue>> keys = withResourceKeys(requestKeys, keySources, template, entity);
        for (String arn : render(context, request, template, entity)) {
            accessControl.require(context, action, arn, keys, Optional.empty());
        }
    }

    /** The template rendered once per combination of list values; a placeholder nothing fills becomes "*". */
    private static List<String> render(CallContext context, SdkRequest request, ResourceTemplate template, Optional<Entity> entity)
    {
        List<Map<String, String>> combinations = new ArrayList<>();
        Map<String, String> fixed = new HashMap<>();
        fixed.put("Partition", PARTITION);
        fixed.put("Account", context.caller().accountId());
        fixed.put("Region", context.region());
        combinations.add(fixed);
        for (String placeholder : template.placeholders()) {
            if (fixed.containsKey(placeholder)) {
                continue;
            }
            List<String> values = placeholderValues(context, request, template, entity, placeholder);
            List<Map<String, String>> expanded = new ArrayList<>(combinations.size() * values.size());
            for (Map<String, String> combination : combinations) {
                for (String value : values) {
                    Map<String, String> next = new HashMap<>(combination);
                    next.put(placeholder, value);
                    expanded.add(next);
                }
            }
            combinations = expanded;
        }
        List<String> arns = new ArrayList<>(combinations.size());
        for (Map<String, String> combination : combinations) {
            arns.add(template.render(combination));
        }
        return arns;
    }

    private static List<String> placeholderValues(CallContext context, SdkRequest request, ResourceTemplate template, Optional<Entity> entity, String placeholder)
    {
        if (placeholder.equals("Path") && template.pathFromEntity()) {
            // An entity that does not exist is rendered with the root path; the operation then answers NoSuchEntity, as
            // AWS does for callers allowed to ask.
            return List.of(entity.map(Entity::path).orElseGet(() -> callerPathWhenAbsent(context, request, template).orElse("/")));
        }
        List<String> values = RequestMembers.values(request, placeholder);
        if (!values.isEmpty()) {
            return values;
        }
        if (template.callerWhenAbsent().filter(placeholder::equals).isPresent()) {
            Optional<String> callerName = callerUserName(context.caller());
            if (callerName.isPresent()) {
                return List.of(callerName.get());
            }
        }
        String fallback = template.defaults().get(placeholder);
        return List.of(fallback != null ? fallback : "*");
    }

    private static Optional<String> callerPathWhenAbsent(CallContext context, SdkRequest request, ResourceTemplate template)
    {
        if (template.callerWhenAbsent().isEmpty() || !RequestMembers.values(request, template.callerWhenAbsent().get()).isEmpty()) {
            return Optional.empty();
        }
        return callerUserPath(context.caller());
    }

    /** The stored entity a pathFromEntity template names (the role of GetRole), read for its path and tags. */
    private Optional<Entity> entity(CallContext context, SdkRequest request, ResourceTemplate template)
    {
        String kind = ENTITY_KINDS.get(template.type());
        if (kind == null || !template.pathFromEntity()) {
            return Optional.empty();
        }
        Optional<String> nameMember = nameMember(template);
        if (nameMember.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = RequestMembers.values(request, nameMember.get());
        String name;
        if (names.size() == 1) {
            name = names.getFirst();
        }
        else if (names.isEmpty() && template.callerWhenAbsent().filter(nameMember.get()::equals).isPresent() && callerUserName(context.caller()).isPresent()) {
            name = callerUserName(context.caller()).get();
        }
        else {
            return Optional.empty();
        }
        return store.read(transaction -> transaction.entityByName(context.caller().accountId(), kind, name));
    }

    /** The member naming the entity: the placeholder after ${Path} (role${Path}${RoleName}). */
    private static Optional<String> nameMember(ResourceTemplate template)
    {
        List<String> placeholders = template.placeholders();
        int path = placeholders.indexOf("Path");
        if (path < 0 || path + 1 >= placeholders.size()) {
            return Optional.empty();
        }
        return Optional.of(placeholders.get(path + 1));
    }

    private static boolean allMembersPresent(SdkRequest request, ResourceTemplate template)
    {
        for (String placeholder : template.placeholders()) {
            if (placeholder.equals("Partition") || placeholder.equals("Account") || placeholder.equals("Region") || template.defaults().containsKey(placeholder)) {
                continue;
            }
            if (placeholder.equals("Path") && template.pathFromEntity()) {
                continue;
            }
            if (RequestMembers.values(request, placeholder).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsServerState(SdkRequest request, ResourceTemplate template)
    {
        return template.serverSupplied().keySet().stream().anyMatch(placeholder -> RequestMembers.values(request, placeholder).isEmpty());
    }

    /** The condition keys the request itself supplies (tags, boundaries, policy ARNs, ...) and fixed context values. */
    private static Map<String, List<ContextValue>> requestKeys(CallContext context, SdkRequest request, List<ConditionKeySource> sources)
    {
        Map<String, List<ContextValue>> keys = new LinkedHashMap<>();
        for (ConditionKeySource source : sources) {
            String key = source.key();
            switch (source.from()) {
                case REQUEST -> {
                    String member = source.member().orElseThrow();
                    if (key.endsWith("/${TagKey}")) {
                        String prefix = key.substring(0, key.length() - "${TagKey}".length());
                        RequestMembers.tags(request, member).forEach((tagKey, value) -> keys.put(prefix + tagKey, List.of(ContextValue.string(value))));
                    }
                    else if (key.equalsIgnoreCase(ConditionKeys.TAG_KEYS)) {
                        Map<String, String> tags = RequestMembers.tags(request, member);
                        List<String> tagKeys = tags.isEmpty() ? RequestMembers.values(request, member) : List.copyOf(tags.keySet());
                        if (!tagKeys.isEmpty()) {
                            keys.put(key, tagKeys.stream().map(ContextValue::string).toList());
                        }
                    }
                    else {
                        List<String> values = RequestMembers.values(request, member);
                        if (!values.isEmpty()) {
                            keys.put(key, values.stream().map(ContextValue::string).toList());
                        }
                    }
                }
                case CONTEXT -> {
                    if (source.value().isPresent()) {
                        keys.put(key, List.of(ContextValue.string(source.value().get())));
                    }
                    else if (key.equalsIgnoreCase("ec2:Region")) {
                        keys.put(key, List.of(ContextValue.string(context.region())));
                    }
                }
                // Resource keys depend on the resource (withResourceKeys); token claims only self-authorized operations read.
                case RESOURCE, TOKEN -> {}
            }
        }
        return keys;
    }

    /** The tags (and permissions boundary) of the stored role or user the resource is, when the table lists such keys. */
    private static Map<String, List<ContextValue>> withResourceKeys(Map<String, List<ContextValue>> requestKeys, List<ConditionKeySource> sources, ResourceTemplate template, Optional<Entity> entity)
    {
        if (entity.isEmpty() || sources.stream().noneMatch(source -> source.from() == ConditionKeySource.Source.RESOURCE)) {
            return requestKeys;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Optional<String> boundary = Optional.empty();
        switch (entity.get().kind()) {
            case EntityKinds.ROLE -> {
                RoleBody body = EntityJson.read(entity.get().body(), RoleBody.class);
                body.tags().forEach((StoredTag tag) -> tags.put(tag.key(), tag.value()));
                boundary = Optional.ofNullable(body.permissionsBoundaryArn());
            }
            case EntityKinds.USER -> {
                UserBody body = EntityJson.read(entity.get().body(), UserBody.class);
                body.tags().forEach((StoredTag tag) -> tags.put(tag.key(), tag.value()));
                boundary = Optional.ofNullable(body.permissionsBoundaryArn());
            }
            default -> {
                return requestKeys;
            }
        }
        Map<String, List<ContextValue>> keys = new LinkedHashMap<>(requestKeys);
        for (ConditionKeySource source : sources) {
            if (source.from() != ConditionKeySource.Source.RESOURCE) {
                continue;
            }
            String key = source.key();
            if (key.endsWith("/${TagKey}")) {
                String prefix = key.substring(0, key.length() - "${TagKey}".length());
                tags.forEach((tagKey, value) -> keys.put(prefix + tagKey, List.of(ContextValue.string(value))));
            }
            else if (key.equalsIgnoreCase(ConditionKeys.PERMISSIONS_BOUNDARY) && boundary.isPresent()) {
                keys.put(key, List.of(ContextValue.string(boundary.get())));
            }
        }
        return keys;
    }

    private static Optional<String> callerUserName(Caller caller)
    {
        if (caller.type() != Caller.PrincipalType.USER) {
            return Optional.empty();
        }
        return Optional.of(caller.arn().substring(caller.arn().lastIndexOf('/') + 1));
    }

    private static Optional<String> callerUserPath(Caller caller)
    {
        if (caller.type() != Caller.PrincipalType.USER) {
            return Optional.empty();
        }
        // arn:aws:iam::ACCOUNT:user/PATH/NAME: the path is everything from "user" up to the name, slashes included.
        String arn = caller.arn();
        int start = arn.indexOf(":user/") + ":user".length();
        return Optional.of(arn.substring(start, arn.lastIndexOf('/') + 1));
    }
}
