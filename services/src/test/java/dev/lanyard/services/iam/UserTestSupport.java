package dev.lanyard.services.iam;

import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.Caller;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccountService;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** A real SQLite store with one account, and call contexts for its root and its users, for the user-facing families' tests. */
final class UserTestSupport
        implements AutoCloseable
{
    static final String ACCOUNT_ID = "123456789012";
    static final String OTHER_ACCOUNT_ID = "210987654321";

    final Store store;
    final RootCredentials root;
    final IamContext context;
    final AccountService accounts;

    UserTestSupport(Path directory)
    {
        store = SqliteStore.open(directory, new SecretCipher(MasterKey.random()));
        accounts = new AccountService(store, Clock.systemUTC(), new AccessKeyGenerator());
        root = accounts.bootstrap(ACCOUNT_ID, Optional.empty());
        accounts.createAccount(OTHER_ACCOUNT_ID);
        context = new IamContext(store, Clock.systemUTC());
    }

    CallContext rootCall()
    {
        return call(Caller.root(ACCOUNT_ID, root.accessKeyId()));
    }

    CallContext otherAccountRootCall()
    {
        return call(Caller.root(OTHER_ACCOUNT_ID, "AKIAOTHERACCOUNTROOT"));
    }

    CallContext userCall(String userId, String arn)
    {
        return call(new Caller(ACCOUNT_ID, arn, userId, Caller.PrincipalType.USER, "AKIAUSERKEY000000000"));
    }

    CallContext assumedRoleCall()
    {
        return call(new Caller(ACCOUNT_ID, "arn:aws:sts::" + ACCOUNT_ID + ":assumed-role/admin/session", "AROAEXAMPLE:session", Caller.PrincipalType.ASSUMED_ROLE, "ASIAEXAMPLE000000000"));
    }

    static CallContext call(Caller caller)
    {
        return new CallContext(caller, AwsService.IAM, "Test", "00000000-0000-0000-0000-000000000000", "us-east-1", Instant.now(), "127.0.0.1", true);
    }

    static String resource(String name)
    {
        try (InputStream in = UserTestSupport.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the modelled IAM error: its code (from the SDK class's name), status and AWS's message. */
    static void assertIamError(Runnable call, Class<? extends AwsServiceException> type, String message)
    {
        assertThatThrownBy(call::run)
                .isInstanceOf(type)
                .hasMessageStartingWith(message);
    }

    static void assertWireError(Runnable call, String code, int status, String message)
    {
        assertThatThrownBy(call::run)
                .asInstanceOf(type(AwsErrorException.class))
                .satisfies(error -> {
                    assertThat(error.code()).isEqualTo(code);
                    assertThat(error.httpStatus()).isEqualTo(status);
                    assertThat(error.getMessage()).isEqualTo(message);
                });
    }

    @Override
    public void close()
    {
        store.close();
    }
}
