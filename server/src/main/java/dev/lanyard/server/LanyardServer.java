package dev.lanyard.server;

import dev.lanyard.protocol.model.ModelErrors;
import dev.lanyard.protocol.model.ModelTables;
import dev.lanyard.protocol.model.RequestValidator;
import dev.lanyard.protocol.sigv4.SigV4Verifier;
import dev.lanyard.services.OperationRegistry;
import dev.lanyard.services.accounts.AccessKeyGenerator;
import dev.lanyard.services.accounts.AccountService;
import dev.lanyard.services.accounts.RootCredentials;
import dev.lanyard.services.auth.Authenticator;
import dev.lanyard.services.autoscaling.AutoScalingContext;
import dev.lanyard.services.autoscaling.AutoScalingOperations;
import dev.lanyard.services.emr.EmrContext;
import dev.lanyard.services.emr.EmrOperations;
import dev.lanyard.services.ec2.Ec2Context;
import dev.lanyard.services.ec2.Ec2Operations;
import dev.lanyard.services.iam.IamContext;
import dev.lanyard.services.iam.IamOperations;
import dev.lanyard.services.auth.SessionAuthenticator;
import dev.lanyard.services.sts.SessionTokenCodec;
import dev.lanyard.services.authorization.AccessDenials;
import dev.lanyard.services.authorization.PolicyAccessControl;
import dev.lanyard.services.authorization.RequestAuthorizer;
import dev.lanyard.services.sts.AuthorizationMessageSealer;
import dev.lanyard.services.sts.SessionTokenKeyRing;
import dev.lanyard.services.sts.StoreMfaCodeVerifier;
import dev.lanyard.services.sts.OutboundTokenKeys;
import dev.lanyard.services.sts.StsOperations;
import dev.lanyard.services.sts.StsOutboundOperations;
import dev.lanyard.store.MasterKey;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.Store;
import dev.lanyard.store.sqlite.SqliteStore;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/** A running Lanyard: store, services and the HTTP endpoint. Tests start one in-process on port 0. */
public final class LanyardServer
        implements AutoCloseable
{
    private final ServerConfig config;
    private final Store store;
    private final AccountService accounts;
    private final AwsApi api;
    private final SessionTokenKeyRing sessionTokenKeys;
    private final OperationRegistry operations;
    private final Server jetty;
    private final ServerConnector connector;
    private volatile RootCredentials rootCredentials;

    private LanyardServer(ServerConfig config, Store store, AccountService accounts, SessionTokenKeyRing sessionTokenKeys, RootCredentials rootCredentials, AwsApi api, OperationRegistry operations, Server jetty, ServerConnector connector)
    {
        this.api = api;
        this.sessionTokenKeys = sessionTokenKeys;
        this.operations = operations;
        this.config = config;
        this.store = store;
        this.accounts = accounts;
        this.rootCredentials = rootCredentials;
        this.jetty = jetty;
        this.connector = connector;
    }

    public static LanyardServer start(ServerConfig config, Map<String, String> environment, Clock clock)
    {
        requireNonNull(config, "config is null");
        Path dataDirectory = createDataDirectory(config.dataDirectory());
        SecretCipher cipher = new SecretCipher(MasterKey.load(dataDirectory, environment));
        Store store = SqliteStore.open(dataDirectory, cipher);
        try {
            AccountService accounts = new AccountService(store, clock, new AccessKeyGenerator());
            RootCredentials root = accounts.bootstrap(config.accountId(), config.fixedRootKey());
            CredentialsFile.write(dataDirectory, root, config.region());

            SigV4Verifier verifier = new SigV4Verifier(clock);
            SessionTokenKeyRing sessionTokenKeys = SessionTokenKeyRing.load(store, config.accountId(), clock);
            SessionTokenCodec sessionTokens = new SessionTokenCodec(sessionTokenKeys);
            OperationRegistry operations = new OperationRegistry();
            AuthorizationMessageSealer authorizationMessages = new AuthorizationMessageSealer(sessionTokenKeys);
            PolicyAccessControl accessControl = new PolicyAccessControl(store, new AccessDenials(authorizationMessages));
            new StsOperations(store, sessionTokens, new AccessKeyGenerator(), new StoreMfaCodeVerifier(store), accessControl, authorizationMessages).register(operations);
            OutboundTokenKeys outboundTokenKeys = new OutboundTokenKeys(store);
            new StsOutboundOperations(store, outboundTokenKeys, accessControl).register(operations);
            new IamOperations(new IamContext(store, clock)).register(operations);
            new Ec2Operations(new Ec2Context(store, clock, accessControl)).register(operations);
            new AutoScalingOperations(new AutoScalingContext(store, clock, accessControl)).register(operations);
            new EmrOperations(new EmrContext(store, clock, accessControl)).register(operations);
            Authenticator authenticator = new Authenticator(store, verifier, new SessionAuthenticator(sessionTokens, verifier, clock), config.authMode(), config.accountId());
            ModelTables modelTables = new ModelTables();
            RequestAuthorizer authorizer = new RequestAuthorizer(store, accessControl);
            AwsApi api = new AwsApi(authenticator, operations, authorizer, new RequestValidator(modelTables), new ModelErrors(modelTables), clock, config.region());

            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("lanyard");
            // Handlers block (SQLite, SigV4); on virtual threads that costs no platform thread.
            threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
            Server jetty = new Server(threads);
            HttpConfiguration httpConfiguration = new HttpConfiguration();
            httpConfiguration.setSendServerVersion(false);
            httpConfiguration.setSendDateHeader(true);
            ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(httpConfiguration));
            connector.setHost(config.host());
            connector.setPort(config.port());
            jetty.addConnector(connector);
            LanyardServer server = new LanyardServer(config, store, accounts, sessionTokenKeys, root, api, operations, jetty, connector);
            jetty.setHandler(new HttpEntryPoint(api, new AdminApi(server, authenticator, outboundTokenKeys, clock)));
            jetty.start();
            return server;
        }
        catch (Exception e) {
            store.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Cannot start the HTTP endpoint on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    private static Path createDataDirectory(Path dataDirectory)
    {
        try {
            return Files.createDirectories(dataDirectory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDirectory, e);
        }
    }

    public int port()
    {
        return connector.getLocalPort();
    }

    public URI endpoint()
    {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port());
    }

    /** The request pipeline without HTTP, for benchmarks. */
    public AwsApi api()
    {
        return api;
    }

    /** The implemented operations. */
    public OperationRegistry operations()
    {
        return operations;
    }

    /** The store the server runs on (tests set up state through it). */
    public Store store()
    {
        return store;
    }

    public ServerConfig config()
    {
        return config;
    }

    public RootCredentials rootCredentials()
    {
        return rootCredentials;
    }

    AccountService accounts()
    {
        return accounts;
    }

    /** Back to the state of a first start: every account, key and entity gone, the default account and its root key restored. */
    synchronized void reset()
    {
        RootCredentials root = rootCredentials;
        store.wipe();
        rootCredentials = accounts.bootstrap(config.accountId(), java.util.Optional.of(root));
        // The wipe took the token keys too: a new ring, so no session from before the reset is accepted.
        sessionTokenKeys.reload();
    }

    @Override
    public void close()
    {
        try {
            jetty.stop();
        }
        catch (Exception e) {
            throw new IllegalStateException("Cannot stop the HTTP endpoint", e);
        }
        finally {
            store.close();
        }
    }
}
