package dev.lanyard.services.iam;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasResponse;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.DeleteAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccountAliasResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesRequest;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesResponse;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** IAM: account alias, password policy, account summary, credential report, authorization details. */
public final class AccountOperations
{
    /** Account aliases: one entity per alias (at most one per account), id and name the alias. */
    public static final String ACCOUNT_ALIAS = "account-alias";
    /** AWS keeps a credential report for four hours; after that GetCredentialReport answers ReportExpired. */
    static final Duration CREDENTIAL_REPORT_LIFETIME = Duration.ofHours(4);

    private final IamContext context;

    public AccountOperations(IamContext context)
    {
        this.context = requireNonNull(context, "context is null");
    }

    public void register(OperationRegistry registry)
    {
        registry.register(CreateAccountAliasRequest.class, this::createAccountAlias);
        registry.register(ListAccountAliasesRequest.class, this::listAccountAliases);
        registry.register(DeleteAccountAliasRequest.class, this::deleteAccountAlias);
        registry.register(GetAccountPasswordPolicyRequest.class, this::getAccountPasswordPolicy);
        registry.register(UpdateAccountPasswordPolicyRequest.class, this::updateAccountPasswordPolicy);
        registry.register(DeleteAccountPasswordPolicyRequest.class, this::deleteAccountPasswordPolicy);
        registry.register(GetAccountSummaryRequest.class, this::getAccountSummary);
        registry.register(GenerateCredentialReportRequest.class, this::generateCredentialReport);
        registry.register(GetCredentialReportRequest.class, this::getCredentialReport);
        registry.register(GetAccountAuthorizationDetailsRequest.class, this::getAccountAuthorizationDetails);
    }

    // ---- alias

    public CreateAccountAliasResponse createAccountAlias(CallContext call, CreateAccountAliasRequest request)
    {
        String accountId = call.caller().accountId();
        String alias = request.accountAlias();
        context.store().write(transaction -> {
            // Aliases are unique across all accounts (they name the sign-in URL); the store's uniqueness is per
            // account, so look in each. Accounts are few; the serializable transaction makes check and insert atomic.
            // AWS refuses a taken name even when the caller's own account holds it.
            for (var account : transaction.accounts()) {
                if (transaction.entityByName(account.accountId(), ACCOUNT_ALIAS, alias).isPresent()) {
                    throw EntityAlreadyExistsException.builder().message("The account alias " + alias + " already exists.").build();
                }
            }
            // One alias per account: a new one replaces the old, as the console's "edit alias" does.
            for (Entity existing : transaction.entities(accountId, ACCOUNT_ALIAS, null, null, 10)) {
                transaction.deleteEntity(accountId, ACCOUNT_ALIAS, existing.id());
            }
            transaction.insertEntity(Entity.create(accountId, ACCOUNT_ALIAS, alias, alias, "/", "{}", context.clock().instant()));
            return null;
        });
        return CreateAccountAliasResponse.builder().build();
    }

    public ListAccountAliasesResponse listAccountAliases(CallContext call, ListAccountAliasesRequest request)
    {
        List<Entity> fetched = context.store().read(transaction -> transaction.entities(
                call.caller().accountId(), ACCOUNT_ALIAS, null, IamPaging.afterName(request.marker()), IamPaging.fetchSize(request.maxItems())));
        IamPaging.Page<Entity> page = IamPaging.page(fetched, request.maxItems(), Entity::name);
        return ListAccountAliasesResponse.builder()
                .accountAliases(page.items().stream().map(Entity::name).toList())
                .isTruncated(page.truncated())
                .marker(page.nextMarker())
                .build();
    }

    public DeleteAccountAliasResponse deleteAccountAlias(CallContext call, DeleteAccountAliasRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity alias = transaction.entityByName(accountId, ACCOUNT_ALIAS, request.accountAlias())
                    .orElseThrow(() -> IamErrors.noSuchEntity("The account alias " + request.accountAlias() + " cannot be found."));
            transaction.deleteEntity(accountId, ACCOUNT_ALIAS, alias.id());
            return null;
        });
        return DeleteAccountAliasResponse.builder().build();
    }

    // ---- password policy

    public GetAccountPasswordPolicyResponse getAccountPasswordPolicy(CallContext call, GetAccountPasswordPolicyRequest request)
    {
        String accountId = call.caller().accountId();
        AccountPasswordPolicyBody policy = context.store().read(transaction -> UserPasswordRules.policy(transaction, accountId))
                .orElseThrow(() -> IamErrors.noSuchEntity("The Password Policy with domain name " + accountId + " cannot be found."));
        return GetAccountPasswordPolicyResponse.builder().passwordPolicy(policy.toSdk()).build();
    }

    public UpdateAccountPasswordPolicyResponse updateAccountPasswordPolicy(CallContext call, UpdateAccountPasswordPolicyRequest request)
    {
        String accountId = call.caller().accountId();
        String body = EntityJson.write(AccountPasswordPolicyBody.from(request));
        context.store().write(transaction -> {
            AccountSettings.put(transaction, accountId, AccountPasswordPolicyBody.NAME, body, context.clock().instant());
            return null;
        });
        return UpdateAccountPasswordPolicyResponse.builder().build();
    }

    public DeleteAccountPasswordPolicyResponse deleteAccountPasswordPolicy(CallContext call, DeleteAccountPasswordPolicyRequest request)
    {
        String accountId = call.caller().accountId();
        context.store().write(transaction -> {
            Entity policy = transaction.entityByName(accountId, EntityKinds.ACCOUNT_SETTINGS, AccountPasswordPolicyBody.NAME)
                    .orElseThrow(() -> IamErrors.noSuchEntity("The account policy with name PasswordPolicy cannot be found."));
            transaction.deleteEntity(accountId, EntityKinds.ACCOUNT_SETTINGS, policy.id());
            return null;
        });
        return DeleteAccountPasswordPolicyResponse.builder().build();
    }

    // ---- summary

    public GetAccountSummaryResponse getAccountSummary(CallContext call, GetAccountSummaryRequest request)
    {
        String accountId = call.caller().accountId();
        Map<SummaryKeyType, Integer> summary = context.store().read(transaction -> summary(transaction, accountId));
        return GetAccountSummaryResponse.builder().summaryMap(summary).build();
    }

    private static Map<SummaryKeyType, Integer> summary(ReadTransaction transaction, String accountId)
    {
        Map<SummaryKeyType, Integer> summary = new EnumMap<>(SummaryKeyType.class);
        summary.put(SummaryKeyType.USERS, count(transaction, accountId, EntityKinds.USER));
        summary.put(SummaryKeyType.USERS_QUOTA, 5000);
        summary.put(SummaryKeyType.GROUPS, count(transaction, accountId, EntityKinds.GROUP));
        summary.put(SummaryKeyType.GROUPS_QUOTA, 300);
        summary.put(SummaryKeyType.SERVER_CERTIFICATES, count(transaction, accountId, EntityKinds.SERVER_CERTIFICATE));
        summary.put(SummaryKeyType.SERVER_CERTIFICATES_QUOTA, CredentialServerCertificates.SERVER_CERTIFICATES_QUOTA);
        summary.put(SummaryKeyType.USER_POLICY_SIZE_QUOTA, 2048);
        summary.put(SummaryKeyType.GROUP_POLICY_SIZE_QUOTA, 5120);
        summary.put(SummaryKeyType.GROUPS_PER_USER_QUOTA, UserOperations.GROUPS_PER_USER);
        summary.put(SummaryKeyType.SIGNING_CERTIFICATES_PER_USER_QUOTA, CredentialOperations.SIGNING_CERTIFICATES_PER_USER);
        summary.put(SummaryKeyType.ACCESS_KEYS_PER_USER_QUOTA, AccessKeyOperations.ACCESS_KEYS_PER_USER);
        int devices = count(transaction, accountId, EntityKinds.VIRTUAL_MFA_DEVICE);
        summary.put(SummaryKeyType.MFA_DEVICES, devices);
        summary.put(SummaryKeyType.MFA_DEVICES_IN_USE, AccountMfaDevices.inUse(transaction, accountId));
        // Root MFA, root signing certificates and root passwords are not modelled here: the root has none.
        summary.put(SummaryKeyType.ACCOUNT_MFA_ENABLED, 0);
        summary.put(SummaryKeyType.ACCOUNT_ACCESS_KEYS_PRESENT, transaction.accessKeys(accountId, dev.lanyard.store.AccessKey.ROOT).isEmpty() ? 0 : 1);
        summary.put(SummaryKeyType.ACCOUNT_PASSWORD_PRESENT, 0);
        summary.put(SummaryKeyType.ACCOUNT_SIGNING_CERTIFICATES_PRESENT, 0);
        summary.put(SummaryKeyType.ATTACHED_POLICIES_PER_GROUP_QUOTA, 10);
        summary.put(SummaryKeyType.ATTACHED_POLICIES_PER_ROLE_QUOTA, 10);
        summary.put(SummaryKeyType.ATTACHED_POLICIES_PER_USER_QUOTA, 10);
        summary.put(SummaryKeyType.POLICIES, count(transaction, accountId, EntityKinds.MANAGED_POLICY));
        summary.put(SummaryKeyType.POLICIES_QUOTA, 1500);
        summary.put(SummaryKeyType.POLICY_SIZE_QUOTA, 6144);
        summary.put(SummaryKeyType.POLICY_VERSIONS_IN_USE, AccountAuthorizationDetails.policyVersionsInUse(transaction, accountId));
        summary.put(SummaryKeyType.POLICY_VERSIONS_IN_USE_QUOTA, 10000);
        summary.put(SummaryKeyType.VERSIONS_PER_POLICY_QUOTA, 5);
        summary.put(SummaryKeyType.GLOBAL_ENDPOINT_TOKEN_VERSION, IamMiscOperations.globalEndpointTokenVersion(transaction, accountId));
        summary.put(SummaryKeyType.ASSUME_ROLE_POLICY_SIZE_QUOTA, 2048);
        summary.put(SummaryKeyType.INSTANCE_PROFILES, count(transaction, accountId, EntityKinds.INSTANCE_PROFILE));
        summary.put(SummaryKeyType.INSTANCE_PROFILES_QUOTA, 1000);
        summary.put(SummaryKeyType.PROVIDERS, count(transaction, accountId, EntityKinds.OIDC_PROVIDER) + count(transaction, accountId, EntityKinds.SAML_PROVIDER));
        summary.put(SummaryKeyType.ROLE_POLICY_SIZE_QUOTA, 10240);
        summary.put(SummaryKeyType.ROLES, count(transaction, accountId, EntityKinds.ROLE));
        summary.put(SummaryKeyType.ROLES_QUOTA, 1000);
        return summary;
    }

    private static int count(ReadTransaction transaction, String accountId, String kind)
    {
        return Math.toIntExact(transaction.countEntities(accountId, kind));
    }

    // ---- credential report

    public GenerateCredentialReportResponse generateCredentialReport(CallContext call, GenerateCredentialReportRequest request)
    {
        String accountId = call.caller().accountId();
        Instant now = context.clock().instant();
        // Generated at once, in one read snapshot (AWS takes a while and answers STARTED first; clients poll until
        // COMPLETE, which they get on the first call here).
        String csv = context.store().read(transaction -> AccountCredentialReport.csv(transaction, accountId, now));
        String body = EntityJson.write(new AccountCredentialReport.Stored(now.toString(), csv));
        context.store().write(transaction -> {
            AccountSettings.put(transaction, accountId, AccountCredentialReport.NAME, body, now);
            return null;
        });
        return GenerateCredentialReportResponse.builder().state(ReportStateType.COMPLETE).build();
    }

    public GetCredentialReportResponse getCredentialReport(CallContext call, GetCredentialReportRequest request)
    {
        String accountId = call.caller().accountId();
        AccountCredentialReport.Stored report = context.store().read(transaction -> transaction.entityByName(accountId, EntityKinds.ACCOUNT_SETTINGS, AccountCredentialReport.NAME))
                .map(entity -> EntityJson.read(entity.body(), AccountCredentialReport.Stored.class))
                .orElseThrow(() -> CredentialReportNotPresentException.builder()
                        .message("Unable to find a credential report for this account. Use GenerateCredentialReport to create one.")
                        .build());
        Instant generated = Instant.parse(report.generatedTime());
        if (generated.plus(CREDENTIAL_REPORT_LIFETIME).isBefore(context.clock().instant())) {
            throw CredentialReportExpiredException.builder()
                    .message("The credential report has expired. Use GenerateCredentialReport to create a new one.")
                    .build();
        }
        return GetCredentialReportResponse.builder()
                .content(SdkBytes.fromString(report.csv(), StandardCharsets.UTF_8))
                .reportFormat(ReportFormatType.TEXT_CSV)
                .generatedTime(generated)
                .build();
    }

    // ---- authorization details

    public GetAccountAuthorizationDetailsResponse getAccountAuthorizationDetails(CallContext call, GetAccountAuthorizationDetailsRequest request)
    {
        String accountId = call.caller().accountId();
        return context.store().read(transaction -> AccountAuthorizationDetails.page(transaction, accountId, request));
    }
}
