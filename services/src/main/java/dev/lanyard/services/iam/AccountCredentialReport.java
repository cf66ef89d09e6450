package dev.lanyard.services.iam;

import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Account;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The credential report: one CSV line per user and one for the root, with AWS's columns and placeholders. */
final class AccountCredentialReport
{
    /** The stored report: kind "account-settings", this name. */
    static final String NAME = "credential-report";

    static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
            + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
            + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    // AWS writes "2016-08-24T19:09:43+00:00".
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);
    private static final String NOT_APPLICABLE = "N/A";
    private static final int PAGE = 1000;

    /** @param generatedTime ISO-8601 */
    record Stored(String generatedTime, String csv)
    {
        Stored
        {
            requireNonNull(generatedTime, "generatedTime is null");
            requireNonNull(csv, "csv is null");
        }
    }

    private AccountCredentialReport() {}

    static String csv(ReadTransaction transaction, String accountId, Instant now)
    {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        Instant accountCreated = transaction.account(accountId).map(Account::createdAt).orElse(now);
        List<String> root = new ArrayList<>(List.of("<root_account>", IamArns.root(accountId), time(accountCreated),
                "not_supported", "no_information", "not_supported", "not_supported", "false"));
        root.addAll(keyColumns(transaction, accountId, transaction.accessKeys(accountId, AccessKey.ROOT)));
        root.addAll(List.of("false", NOT_APPLICABLE, "false", NOT_APPLICABLE));
        csv.append(String.join(",", root)).append('\n');

        Optional<AccountPasswordPolicyBody> policy = UserPasswordRules.policy(transaction, accountId);
        String after = null;
        while (true) {
            List<Entity> users = transaction.entities(accountId, EntityKinds.USER, null, after, PAGE);
            for (Entity user : users) {
                csv.append(String.join(",", userRow(transaction, user, policy))).append('\n');
            }
            if (users.size() < PAGE) {
                return csv.toString();
            }
            after = users.get(users.size() - 1).name();
        }
    }

    private static List<String> userRow(ReadTransaction transaction, Entity user, Optional<AccountPasswordPolicyBody> policy)
    {
        String accountId = user.accountId();
        UserBody body = UserEntities.body(user);
        Optional<UserLoginProfileBody> profile = transaction.entityById(accountId, UserEntities.LOGIN_PROFILE, user.id())
                .map(entity -> EntityJson.read(entity.body(), UserLoginProfileBody.class));
        List<String> row = new ArrayList<>();
        row.add(user.name());
        row.add(IamArns.user(accountId, user.path(), user.name()));
        row.add(time(user.createdAt()));
        row.add(String.valueOf(profile.isPresent()));
        if (body.passwordLastUsed() != null) {
            row.add(time(Instant.parse(body.passwordLastUsed())));
        }
        else {
            row.add(profile.isPresent() ? "no_information" : NOT_APPLICABLE);
        }
        String lastChanged = profile.map(UserLoginProfileBody::passwordLastChanged).orElse(null);
        row.add(lastChanged == null ? NOT_APPLICABLE : time(Instant.parse(lastChanged)));
        Integer maximumAge = policy.map(AccountPasswordPolicyBody::maxPasswordAge).orElse(null);
        row.add(lastChanged == null || maximumAge == null ? NOT_APPLICABLE : time(Instant.parse(lastChanged).plus(Duration.ofDays(maximumAge))));
        row.add(String.valueOf(!transaction.linksFrom(accountId, UserEntities.USER_HAS_MFA_DEVICE, user.id()).isEmpty()));
        row.addAll(keyColumns(transaction, accountId, transaction.accessKeys(accountId, user.id())));
        List<CredentialSigningCertificateBody> certificates = new ArrayList<>();
        for (Link link : transaction.linksFrom(accountId, UserEntities.SIGNING_CERTIFICATE_OF_USER, user.id())) {
            transaction.entityById(accountId, EntityKinds.SIGNING_CERTIFICATE, link.toId())
                    .ifPresent(entity -> certificates.add(EntityJson.read(entity.body(), CredentialSigningCertificateBody.class)));
        }
        certificates.sort(Comparator.comparing(CredentialSigningCertificateBody::uploadDate));
        for (int index = 0; index < 2; index++) {
            if (index < certificates.size()) {
                row.add(String.valueOf("Active".equals(certificates.get(index).status())));
                row.add(time(Instant.parse(certificates.get(index).uploadDate())));
            }
            else {
                row.add("false");
                row.add(NOT_APPLICABLE);
            }
        }
        return row;
    }

    /** The ten access key columns: two keys, oldest first. */
    private static List<String> keyColumns(ReadTransaction transaction, String accountId, List<AccessKey> keys)
    {
        List<String> columns = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            if (index >= keys.size()) {
                columns.addAll(List.of("false", NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE));
                continue;
            }
            AccessKey key = keys.get(index);
            columns.add(String.valueOf(key.status() == AccessKey.Status.ACTIVE));
            columns.add(time(key.createdAt()));
            Optional<AccessKeyLastUsedBody> used = transaction.entityById(accountId, AccessKeyLastUsedBody.KIND, key.accessKeyId())
                    .map(entity -> EntityJson.read(entity.body(), AccessKeyLastUsedBody.class));
            columns.add(used.map(value -> time(Instant.parse(value.lastUsedDate()))).orElse(NOT_APPLICABLE));
            columns.add(used.map(AccessKeyLastUsedBody::region).orElse(NOT_APPLICABLE));
            columns.add(used.map(AccessKeyLastUsedBody::serviceName).orElse(NOT_APPLICABLE));
        }
        return columns;
    }

    private static String time(Instant instant)
    {
        return TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
