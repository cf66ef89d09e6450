package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.StoreException;
import dev.lanyard.store.WriteTransaction;
import software.amazon.awssdk.services.iam.model.AcceptDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.AcceptDelegationRequestResponse;
import software.amazon.awssdk.services.iam.model.AssociateDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.AssociateDelegationRequestResponse;
import software.amazon.awssdk.services.iam.model.CreateDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.CreateDelegationRequestResponse;
import software.amazon.awssdk.services.iam.model.DelegationPermission;
import software.amazon.awssdk.services.iam.model.DelegationRequest;
import software.amazon.awssdk.services.iam.model.GetDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.GetDelegationRequestResponse;
import software.amazon.awssdk.services.iam.model.GetHumanReadableSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetHumanReadableSummaryResponse;
import software.amazon.awssdk.services.iam.model.ListDelegationRequestsRequest;
import software.amazon.awssdk.services.iam.model.ListDelegationRequestsResponse;
import software.amazon.awssdk.services.iam.model.PermissionCheckResultType;
import software.amazon.awssdk.services.iam.model.PermissionCheckStatusType;
import software.amazon.awssdk.services.iam.model.PolicyParameter;
import software.amazon.awssdk.services.iam.model.RejectDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.RejectDelegationRequestResponse;
import software.amazon.awssdk.services.iam.model.SendDelegationTokenRequest;
import software.amazon.awssdk.services.iam.model.SendDelegationTokenResponse;
import software.amazon.awssdk.services.iam.model.StateType;
import software.amazon.awssdk.services.iam.model.SummaryStateType;
import software.amazon.awssdk.services.iam.model.UpdateDelegationRequestRequest;
import software.amazon.awssdk.services.iam.model.UpdateDelegationRequestResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * IAM temporary delegation requests: a partner (the requestor) files a request for access to a customer's account; the
 * customer associates it with an identity (the owner), may forward it for approval (Update), accepts or rejects it, and
 * releases the exchange token (SendDelegationToken). States follow AWS's lifecycle: UNASSIGNED → ASSIGNED →
 * [PENDING_APPROVAL] → ACCEPTED → FINALIZED, with REJECTED from any open state and EXPIRED once ExpirationTime passes.
 *
 * <p>A request lives between two accounts by design: it is stored in the requestor's account, its id begins with that
 * account id (so any account can find it without a scan), and once owned an index entity ({@value #OWNED_KIND}) in the
 * owner's account lists it there. AWS requires partner onboarding before CreateDelegationRequest; Lanyard has no
 * partner programme, so any account may act as a partner.
 */
public final class DelegationRequests
{
    /** Index in the owner's account: id and name the request id. */
    public static final String OWNED_KIND = "delegation-request-owned";
    /** Rejected requests expire after 7 days (AWS); an open request is given the same lifetime (AWS does not document it). */
    static final Duration OPEN_LIFETIME = Duration.ofDays(7);
    private static final int REQUEST_ID_RANDOM_LENGTH = 20;

    private final IamContext context;

    public DelegationRequests(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreateDelegationRequestRequest.class, this::createDelegationRequest);
        registry.register(GetDelegationRequestRequest.class, this::getDelegationRequest);
        registry.register(ListDelegationRequestsRequest.class, this::listDelegationRequests);
        registry.register(AssociateDelegationRequestRequest.class, this::associateDelegationRequest);
        registry.register(UpdateDelegationRequestRequest.class, this::updateDelegationRequest);
        registry.register(AcceptDelegationRequestRequest.class, this::acceptDelegationRequest);
        registry.register(RejectDelegationRequestRequest.class, this::rejectDelegationRequest);
        registry.register(SendDelegationTokenRequest.class, this::sendDelegationToken);
        registry.register(GetHumanReadableSummaryRequest.class, this::getHumanReadableSummary);
    }

    public CreateDelegationRequestResponse createDelegationRequest(CallContext call, CreateDelegationRequestRequest request)
    {
        String accountId = call.caller().accountId();
        if (!request.notificationChannel().startsWith("arn:aws:sns:")) {
            throw IamErrors.invalidInput("NotificationChannel must be an SNS topic ARN.");
        }
        DelegationPermission permissions = request.permissions();
        if (permissions.policyTemplateArn() == null) {
            throw IamErrors.invalidInput("Permissions must name a PolicyTemplateArn.");
        }
        Instant now = context.clock().instant();
        String id = accountId + "-" + IamIds.random(REQUEST_ID_RANDOM_LENGTH);
        List<DelegationRequestBody.Parameter> parameters = permissions.parameters().stream()
                .map(parameter -> new DelegationRequestBody.Parameter(parameter.name(), parameter.values(), parameter.typeAsString()))
                .toList();
        DelegationRequestBody body = new DelegationRequestBody(accountId, request.ownerAccountId(), null, null, request.description(), request.requestMessage(),
                permissions.policyTemplateArn(), parameters, request.requestorWorkflowId(), request.redirectUrl(), request.notificationChannel(),
                request.sessionDuration(), Boolean.TRUE.equals(request.onlySendByOwner()), StateType.UNASSIGNED.toString(), null, null,
                now.toString(), now.toString(), now.plus(OPEN_LIFETIME).toString());
        try {
            context.store().write(transaction -> {
                transaction.insertEntity(Entity.create(accountId, DelegationRequestBody.KIND, id, request.requestorWorkflowId(), "/", EntityJson.write(body), now));
                return null;
            });
        }
        catch (StoreException.Conflict duplicate) {
            throw IamErrors.alreadyExists("Delegation request", request.requestorWorkflowId());
        }
        return CreateDelegationRequestResponse.builder()
                .delegationRequestId(id)
                .consoleDeepLink("https://console.aws.amazon.com/iam/home#/delegation-requests/" + id)
                .build();
    }

    public GetDelegationRequestResponse getDelegationRequest(CallContext call, GetDelegationRequestRequest request)
    {
        DelegationRequestBody body = context.store().read(transaction -> visible(transaction, call, request.delegationRequestId()).body());
        GetDelegationRequestResponse.Builder response = GetDelegationRequestResponse.builder().delegationRequest(toDelegationRequest(request.delegationRequestId(), body));
        if (Boolean.TRUE.equals(request.delegationPermissionCheck())) {
            // Lanyard does not expand partner policy templates, so it cannot say whether the caller could grant them.
            response.permissionCheckStatus(PermissionCheckStatusType.COMPLETE).permissionCheckResult(PermissionCheckResultType.UNSURE);
        }
        return response.build();
    }

    /** The requests owned in the caller's account (AWS lists no request without an owner), optionally of one owner. */
    public ListDelegationRequestsResponse listDelegationRequests(CallContext call, ListDelegationRequestsRequest request)
    {
        String accountId = call.caller().accountId();
        int limit = request.maxItems() == null ? IamPaging.DEFAULT_MAX_ITEMS : request.maxItems();
        return context.store().read(transaction -> {
            List<DelegationRequest> found = new ArrayList<>();
            String after = IamPaging.afterName(request.marker());
            String lastName = null;
            while (found.size() <= limit) {
                List<Entity> page = transaction.entities(accountId, OWNED_KIND, null, after, limit + 1);
                for (Entity owned : page) {
                    after = owned.name();
                    Optional<Stored> stored = find(transaction, owned.id());
                    if (stored.isEmpty() || !accountId.equals(stored.get().body().ownerAccountId())) {
                        continue;
                    }
                    if (request.ownerId() != null && !request.ownerId().equals(stored.get().body().ownerId())) {
                        continue;
                    }
                    if (found.size() == limit) {
                        return ListDelegationRequestsResponse.builder().delegationRequests(found).isTruncated(true).marker(IamPaging.marker(lastName)).build();
                    }
                    found.add(toDelegationRequest(owned.id(), stored.get().body()));
                    lastName = owned.name();
                }
                if (page.size() <= limit) {
                    break;
                }
            }
            return ListDelegationRequestsResponse.builder().delegationRequests(found).isTruncated(false).build();
        });
    }

    public AssociateDelegationRequestResponse associateDelegationRequest(CallContext call, AssociateDelegationRequestRequest request)
    {
        String accountId = call.caller().accountId();
        String id = request.delegationRequestId();
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            Stored stored = visible(transaction, call, id);
            DelegationRequestBody body = stored.body();
            if (body.ownerAccountId() != null && !body.ownerAccountId().equals(accountId)) {
                throw notFound(id);
            }
            requireState(stored, now, "associated", StateType.UNASSIGNED);
            update(transaction, stored, body.withOwner(accountId, call.caller().arn(), StateType.ASSIGNED.toString(), now.toString()));
            if (transaction.entityById(accountId, OWNED_KIND, id).isEmpty()) {
                transaction.insertEntity(Entity.create(accountId, OWNED_KIND, id, id, "/", "{}", now));
            }
            return null;
        });
        return AssociateDelegationRequestResponse.builder().build();
    }

    public UpdateDelegationRequestResponse updateDelegationRequest(CallContext call, UpdateDelegationRequestRequest request)
    {
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            Stored stored = owned(transaction, call, request.delegationRequestId());
            requireState(stored, now, "updated", StateType.ASSIGNED, StateType.PENDING_APPROVAL);
            DelegationRequestBody body = stored.body();
            update(transaction, stored, body.withState(StateType.PENDING_APPROVAL.toString(), body.approverId(), request.notes() == null ? body.notes() : request.notes(),
                    body.rejectionReason(), now.toString(), body.expirationTime()));
            return null;
        });
        return UpdateDelegationRequestResponse.builder().build();
    }

    public AcceptDelegationRequestResponse acceptDelegationRequest(CallContext call, AcceptDelegationRequestRequest request)
    {
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            Stored stored = owned(transaction, call, request.delegationRequestId());
            requireState(stored, now, "accepted", StateType.ASSIGNED, StateType.PENDING_APPROVAL);
            DelegationRequestBody body = stored.body();
            // The accepting identity is the one the delegated credential maps to.
            update(transaction, stored, body.withState(StateType.ACCEPTED.toString(), call.caller().arn(), body.notes(), body.rejectionReason(), now.toString(), body.expirationTime()));
            return null;
        });
        return AcceptDelegationRequestResponse.builder().build();
    }

    public RejectDelegationRequestResponse rejectDelegationRequest(CallContext call, RejectDelegationRequestRequest request)
    {
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            Stored stored = owned(transaction, call, request.delegationRequestId());
            requireState(stored, now, "rejected", StateType.ASSIGNED, StateType.PENDING_APPROVAL, StateType.ACCEPTED);
            DelegationRequestBody body = stored.body();
            update(transaction, stored, body.withState(StateType.REJECTED.toString(), body.approverId(), body.notes(), request.notes(), now.toString(),
                    now.plus(OPEN_LIFETIME).toString()));
            return null;
        });
        return RejectDelegationRequestResponse.builder().build();
    }

    public SendDelegationTokenResponse sendDelegationToken(CallContext call, SendDelegationTokenRequest request)
    {
        Instant now = context.clock().instant();
        context.store().write(transaction -> {
            Stored stored = owned(transaction, call, request.delegationRequestId());
            requireState(stored, now, "finalized", StateType.ACCEPTED);
            DelegationRequestBody body = stored.body();
            if (body.onlySendByOwner() && !call.caller().arn().equals(body.ownerId())) {
                throw IamErrors.invalidInput("Only the owner of delegation request " + request.delegationRequestId() + " can send its delegation token.");
            }
            // The delegated session starts now and lasts SessionDuration; the notification to the partner's channel is
            // not sent (Lanyard has no SNS).
            update(transaction, stored, body.withState(StateType.FINALIZED.toString(), body.approverId(), body.notes(), body.rejectionReason(), now.toString(),
                    now.plusSeconds(body.sessionDuration()).toString()));
            return null;
        });
        return SendDelegationTokenResponse.builder().build();
    }

    /**
     * AWS writes the summary with a language model; Lanyard writes it from the request's fields, in English (other
     * locales answer NOT_SUPPORTED). Only delegation requests have summaries, as with AWS.
     */
    public GetHumanReadableSummaryResponse getHumanReadableSummary(CallContext call, GetHumanReadableSummaryRequest request)
    {
        String arn = request.entityArn();
        String marker = ":delegation-request/";
        int at = arn.indexOf(marker);
        if (!arn.startsWith("arn:aws:iam::") || at < 0) {
            throw IamErrors.invalidInput("Human readable summaries are only supported for delegation requests: " + arn + " is not a delegation request ARN.");
        }
        String id = arn.substring(at + marker.length());
        String locale = request.locale() == null ? "en" : request.locale();
        DelegationRequestBody body = context.store().read(transaction -> visible(transaction, call, id).body());
        if (!locale.toLowerCase(Locale.ROOT).startsWith("en")) {
            return GetHumanReadableSummaryResponse.builder().locale(locale).summaryState(SummaryStateType.NOT_SUPPORTED).summaryContent("").build();
        }
        return GetHumanReadableSummaryResponse.builder().locale(locale).summaryState(SummaryStateType.AVAILABLE).summaryContent(summary(body)).build();
    }

    private static String summary(DelegationRequestBody body)
    {
        StringBuilder text = new StringBuilder();
        text.append("Account ").append(body.requestorAccountId()).append(" requests temporary access");
        if (body.ownerAccountId() != null) {
            text.append(" to account ").append(body.ownerAccountId());
        }
        text.append(" for ").append(body.sessionDuration()).append(" seconds, with the permissions of policy template ").append(body.policyTemplateArn());
        if (!body.parameters().isEmpty()) {
            text.append(" (");
            for (int index = 0; index < body.parameters().size(); index++) {
                DelegationRequestBody.Parameter parameter = body.parameters().get(index);
                text.append(index == 0 ? "" : "; ").append(parameter.name()).append(" = ").append(parameter.values() == null ? "" : String.join(", ", parameter.values()));
            }
            text.append(")");
        }
        text.append(". Description: ").append(body.description());
        if (body.requestMessage() != null) {
            text.append(" Message: ").append(body.requestMessage());
        }
        return text.toString();
    }

    // ---- lookup, visibility and state

    private record Stored(Entity entity, DelegationRequestBody body) {}

    private static Optional<Stored> find(ReadTransaction transaction, String id)
    {
        // The id begins with the requestor's 12-digit account id: that is where the request is stored.
        if (id.length() < 14 || id.charAt(12) != '-' || !id.substring(0, 12).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return transaction.entityById(id.substring(0, 12), DelegationRequestBody.KIND, id)
                .map(entity -> new Stored(entity, EntityJson.read(entity.body(), DelegationRequestBody.class)));
    }

    /** As AWS's GetDelegationRequest: any account while no owner account is set, then that account; always the requestor. */
    private static Stored visible(ReadTransaction transaction, CallContext call, String id)
    {
        String accountId = call.caller().accountId();
        Stored stored = find(transaction, id).orElseThrow(() -> notFound(id));
        DelegationRequestBody body = stored.body();
        if (body.requestorAccountId().equals(accountId) || body.ownerAccountId() == null || body.ownerAccountId().equals(accountId)) {
            return stored;
        }
        throw notFound(id);
    }

    /** The customer's operations act only on a request associated with the caller's account. */
    private static Stored owned(ReadTransaction transaction, CallContext call, String id)
    {
        Stored stored = find(transaction, id).orElseThrow(() -> notFound(id));
        if (stored.body().ownerId() == null || !call.caller().accountId().equals(stored.body().ownerAccountId())) {
            throw notFound(id);
        }
        return stored;
    }

    private static void requireState(Stored stored, Instant now, String verb, StateType... allowed)
    {
        StateType state = effectiveState(stored.body(), now);
        for (StateType candidate : allowed) {
            if (candidate == state) {
                return;
            }
        }
        throw IamErrors.invalidInput("Delegation request " + stored.entity().id() + " is in state " + state + " and cannot be " + verb + ".");
    }

    static StateType effectiveState(DelegationRequestBody body, Instant now)
    {
        StateType stored = StateType.fromValue(body.state());
        if (now.isAfter(Instant.parse(body.expirationTime())) && stored != StateType.EXPIRED) {
            return StateType.EXPIRED;
        }
        return stored;
    }

    private static void update(WriteTransaction transaction, Stored stored, DelegationRequestBody body)
    {
        try {
            transaction.updateEntity(stored.entity().withBody(EntityJson.write(body)));
        }
        catch (StoreException.Conflict concurrent) {
            throw software.amazon.awssdk.services.iam.model.ConcurrentModificationException.builder()
                    .message("The request was rejected because multiple requests to change this object were submitted simultaneously.")
                    .build();
        }
    }

    private static RuntimeException notFound(String id)
    {
        return IamErrors.noSuchEntity("The delegation request with id " + id + " cannot be found.");
    }

    private DelegationRequest toDelegationRequest(String id, DelegationRequestBody body)
    {
        Instant now = context.clock().instant();
        DelegationPermission.Builder permissions = DelegationPermission.builder().policyTemplateArn(body.policyTemplateArn());
        if (!body.parameters().isEmpty()) {
            permissions.parameters(body.parameters().stream()
                    .map(parameter -> PolicyParameter.builder().name(parameter.name()).values(parameter.values()).type(parameter.type()).build())
                    .toList());
        }
        return DelegationRequest.builder()
                .delegationRequestId(id)
                .ownerAccountId(body.ownerAccountId())
                .description(body.description())
                .requestMessage(body.requestMessage())
                .permissions(permissions.build())
                .ownerId(body.ownerId())
                .approverId(body.approverId())
                .state(effectiveState(body, now))
                .expirationTime(Instant.parse(body.expirationTime()))
                .requestorId(body.requestorAccountId())
                .createDate(Instant.parse(body.createDate()))
                .sessionDuration(body.sessionDuration())
                .redirectUrl(body.redirectUrl())
                .notes(body.notes())
                .rejectionReason(body.rejectionReason())
                .onlySendByOwner(body.onlySendByOwner())
                .updatedTime(Instant.parse(body.updatedTime()))
                .build();
    }
}
