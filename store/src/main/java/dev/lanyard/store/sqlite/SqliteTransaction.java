package dev.lanyard.store.sqlite;

import dev.lanyard.store.AccessKey;
import dev.lanyard.store.Account;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.SecretCipher;
import dev.lanyard.store.StoreException;
import dev.lanyard.store.WriteTransaction;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One SQLite transaction: the store has begun it on {@code connection} and ends it after the work function returns.
 * Read transactions get an instance too (typed as ReadTransaction); their connection is query-only.
 */
final class SqliteTransaction
        implements WriteTransaction
{
    private static final String ENTITY_COLUMNS = "account_id, kind, id, name, path, body, created_at, version";
    private static final String ACCESS_KEY_COLUMNS = "access_key_id, account_id, principal_name, secret_ciphertext, status, created_at";

    private final SqliteConnection connection;
    private final SecretCipher cipher;
    private boolean open = true;
    private Runnable onCommit = () -> {};

    SqliteTransaction(SqliteConnection connection, SecretCipher cipher)
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.cipher = requireNonNull(cipher, "cipher is null");
    }

    /** After this, every method throws: a transaction object that escaped its work function must not touch another transaction's connection. */
    void close()
    {
        open = false;
    }

    /** Runs {@code action} once the store has committed this transaction, never if it rolls back. */
    void onCommit(Runnable action)
    {
        this.onCommit = requireNonNull(action, "action is null");
    }

    void committed()
    {
        onCommit.run();
    }

    private PreparedStatement prepare(String sql)
            throws SQLException
    {
        if (!open) {
            throw new IllegalStateException("transaction has ended; use the transaction only inside its work function");
        }
        return connection.prepare(sql);
    }

    // ---- accounts

    @Override
    public Optional<Account> account(String accountId)
    {
        requireNonNull(accountId, "accountId is null");
        try {
            PreparedStatement statement = prepare("SELECT account_id, created_at, is_default FROM accounts WHERE account_id = ?");
            statement.setString(1, accountId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.empty();
            }
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "reading account " + accountId);
        }
    }

    @Override
    public List<Account> accounts()
    {
        try {
            PreparedStatement statement = prepare("SELECT account_id, created_at, is_default FROM accounts ORDER BY account_id");
            List<Account> accounts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    accounts.add(account(rows));
                }
            }
            return accounts;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "listing accounts");
        }
    }

    private static Account account(ResultSet rows)
            throws SQLException
    {
        return new Account(rows.getString(1), instant(rows.getLong(2)), rows.getInt(3) == 1);
    }

    @Override
    public void insertAccount(Account account)
    {
        requireNonNull(account, "account is null");
        try {
            PreparedStatement statement = prepare("INSERT INTO accounts (account_id, created_at, is_default) VALUES (?, ?, ?)");
            statement.setString(1, account.accountId());
            statement.setLong(2, nanos(account.createdAt()));
            statement.setInt(3, account.isDefault() ? 1 : 0);
            statement.executeUpdate();
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "inserting account " + account.accountId() + (account.isDefault() ? " as the default account" : ""));
        }
    }

    // ---- access keys

    @Override
    public Optional<AccessKey> accessKey(String accessKeyId)
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        try {
            PreparedStatement statement = prepare("SELECT " + ACCESS_KEY_COLUMNS + " FROM access_keys WHERE access_key_id = ?");
            statement.setString(1, accessKeyId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(accessKey(rows)) : Optional.empty();
            }
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "reading access key " + accessKeyId);
        }
    }

    @Override
    public List<AccessKey> accessKeys(String accountId, String principalName)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(principalName, "principalName is null");
        try {
            PreparedStatement statement = prepare("SELECT " + ACCESS_KEY_COLUMNS + " FROM access_keys WHERE account_id = ? AND principal_name = ? ORDER BY created_at, access_key_id");
            statement.setString(1, accountId);
            statement.setString(2, principalName);
            List<AccessKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(accessKey(rows));
                }
            }
            return keys;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "listing access keys of " + principalName + " in account " + accountId);
        }
    }

    private AccessKey accessKey(ResultSet rows)
            throws SQLException
    {
        String accessKeyId = rows.getString(1);
        byte[] secret = cipher.decrypt(rows.getBytes(4), accessKeyAssociatedData(accessKeyId));
        return new AccessKey(
                accessKeyId,
                rows.getString(2),
                rows.getString(3),
                new String(secret, StandardCharsets.UTF_8),
                AccessKey.Status.valueOf(rows.getString(5)),
                instant(rows.getLong(6)));
    }

    @Override
    public void insertAccessKey(AccessKey accessKey)
    {
        requireNonNull(accessKey, "accessKey is null");
        try {
            PreparedStatement statement = prepare("INSERT INTO access_keys (" + ACCESS_KEY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)");
            statement.setString(1, accessKey.accessKeyId());
            statement.setString(2, accessKey.accountId());
            statement.setString(3, accessKey.principalName());
            statement.setBytes(4, cipher.encrypt(accessKey.secretAccessKey().getBytes(StandardCharsets.UTF_8), accessKeyAssociatedData(accessKey.accessKeyId())));
            statement.setString(5, accessKey.status().name());
            statement.setLong(6, nanos(accessKey.createdAt()));
            statement.executeUpdate();
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "inserting access key " + accessKey.accessKeyId());
        }
    }

    @Override
    public boolean updateAccessKeyStatus(String accessKeyId, AccessKey.Status status)
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(status, "status is null");
        try {
            PreparedStatement statement = prepare("UPDATE access_keys SET status = ? WHERE access_key_id = ?");
            statement.setString(1, status.name());
            statement.setString(2, accessKeyId);
            return statement.executeUpdate() == 1;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "updating access key " + accessKeyId);
        }
    }

    @Override
    public boolean deleteAccessKey(String accessKeyId)
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        try {
            PreparedStatement statement = prepare("DELETE FROM access_keys WHERE access_key_id = ?");
            statement.setString(1, accessKeyId);
            return statement.executeUpdate() == 1;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "deleting access key " + accessKeyId);
        }
    }

    // the table name keeps an access key's ciphertext from being accepted as another kind of secret with the same id
    private static byte[] accessKeyAssociatedData(String accessKeyId)
    {
        return SecretCipher.associatedData("access_keys", accessKeyId);
    }

    // ---- entities

    @Override
    public Optional<Entity> entityById(String accountId, String kind, String id)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        try {
            PreparedStatement statement = prepare("SELECT " + ENTITY_COLUMNS + " FROM entities WHERE account_id = ? AND kind = ? AND id = ?");
            statement.setString(1, accountId);
            statement.setString(2, kind);
            statement.setString(3, id);
            return singleEntity(statement);
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "reading " + kind + " " + id);
        }
    }

    @Override
    public Optional<Entity> entityByName(String accountId, String kind, String name)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        try {
            PreparedStatement statement = prepare("SELECT " + ENTITY_COLUMNS + " FROM entities WHERE account_id = ? AND kind = ? AND name = ? COLLATE NOCASE");
            statement.setString(1, accountId);
            statement.setString(2, kind);
            statement.setString(3, name);
            return singleEntity(statement);
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "reading " + kind + " named " + name);
        }
    }

    @Override
    public List<Entity> entities(String accountId, String kind, String pathPrefix, String afterName, int limit)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(kind, "kind is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        boolean filterPath = pathPrefix != null && !pathPrefix.equals("/");
        StringBuilder sql = new StringBuilder("SELECT " + ENTITY_COLUMNS + " FROM entities WHERE account_id = ? AND kind = ?");
        if (afterName != null) {
            sql.append(" AND name > ? COLLATE NOCASE");
        }
        if (filterPath) {
            // not LIKE: IAM paths may contain % and _
            sql.append(" AND substr(path, 1, ?) = ?");
        }
        // the order matches the entities_by_name index, so SQLite walks the index from the marker and stops at the limit
        sql.append(" ORDER BY name COLLATE NOCASE LIMIT ?");
        try {
            PreparedStatement statement = prepare(sql.toString());
            int parameter = 1;
            statement.setString(parameter++, accountId);
            statement.setString(parameter++, kind);
            if (afterName != null) {
                statement.setString(parameter++, afterName);
            }
            if (filterPath) {
                statement.setInt(parameter++, pathPrefix.length());
                statement.setString(parameter++, pathPrefix);
            }
            statement.setInt(parameter, limit);
            List<Entity> entities = new ArrayList<>(Math.min(limit, 1000));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entities.add(entity(rows));
                }
            }
            return entities;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "listing " + kind + " in account " + accountId);
        }
    }

    @Override
    public long countEntities(String accountId, String kind)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(kind, "kind is null");
        try {
            PreparedStatement statement = prepare("SELECT count(*) FROM entities WHERE account_id = ? AND kind = ?");
            statement.setString(1, accountId);
            statement.setString(2, kind);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "counting " + kind + " in account " + accountId);
        }
    }

    private static Optional<Entity> singleEntity(PreparedStatement statement)
            throws SQLException
    {
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(entity(rows)) : Optional.empty();
        }
    }

    private static Entity entity(ResultSet rows)
            throws SQLException
    {
        return new Entity(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                instant(rows.getLong(7)),
                rows.getLong(8));
    }

    @Override
    public void insertEntity(Entity entity)
    {
        requireNonNull(entity, "entity is null");
        if (entity.version() != Entity.INITIAL_VERSION) {
            throw new IllegalArgumentException("a new entity has version " + Entity.INITIAL_VERSION + " (use Entity.create): " + entity.version());
        }
        try {
            PreparedStatement statement = prepare("INSERT INTO entities (" + ENTITY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            statement.setString(1, entity.accountId());
            statement.setString(2, entity.kind());
            statement.setString(3, entity.id());
            statement.setString(4, entity.name());
            statement.setString(5, entity.path());
            statement.setString(6, entity.body());
            statement.setLong(7, nanos(entity.createdAt()));
            statement.setLong(8, entity.version());
            statement.executeUpdate();
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "inserting " + entity.kind() + " " + entity.name() + " (" + entity.id() + ") in account " + entity.accountId());
        }
    }

    @Override
    public Entity updateEntity(Entity entity)
    {
        requireNonNull(entity, "entity is null");
        // the writer lock serializes write transactions, so nothing changes the row between this read and the update
        Entity stored = entityById(entity.accountId(), entity.kind(), entity.id())
                .orElseThrow(() -> new StoreException.NotFound("no " + entity.kind() + " " + entity.id() + " in account " + entity.accountId()));
        if (stored.version() != entity.version()) {
            throw new StoreException.Conflict(entity.kind() + " " + entity.id() + " was changed concurrently: it is at version " + stored.version() +
                    ", the update was based on version " + entity.version());
        }
        try {
            PreparedStatement statement = prepare("UPDATE entities SET name = ?, path = ?, body = ?, version = ? WHERE account_id = ? AND kind = ? AND id = ?");
            statement.setString(1, entity.name());
            statement.setString(2, entity.path());
            statement.setString(3, entity.body());
            statement.setLong(4, entity.version() + 1);
            statement.setString(5, entity.accountId());
            statement.setString(6, entity.kind());
            statement.setString(7, entity.id());
            statement.executeUpdate();
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "renaming " + entity.kind() + " " + entity.id() + " to " + entity.name());
        }
        return new Entity(entity.accountId(), entity.kind(), entity.id(), entity.name(), entity.path(), entity.body(), stored.createdAt(), entity.version() + 1);
    }

    @Override
    public boolean deleteEntity(String accountId, String kind, String id)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        try {
            PreparedStatement statement = prepare("DELETE FROM entities WHERE account_id = ? AND kind = ? AND id = ?");
            statement.setString(1, accountId);
            statement.setString(2, kind);
            statement.setString(3, id);
            return statement.executeUpdate() == 1;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "deleting " + kind + " " + id);
        }
    }

    // ---- links

    @Override
    public boolean insertLink(Link link)
    {
        requireNonNull(link, "link is null");
        try {
            PreparedStatement statement = prepare("INSERT INTO links (account_id, relation, from_id, to_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
            bind(statement, link);
            return statement.executeUpdate() == 1;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "inserting " + link);
        }
    }

    @Override
    public boolean deleteLink(Link link)
    {
        requireNonNull(link, "link is null");
        try {
            PreparedStatement statement = prepare("DELETE FROM links WHERE account_id = ? AND relation = ? AND from_id = ? AND to_id = ?");
            bind(statement, link);
            return statement.executeUpdate() == 1;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "deleting " + link);
        }
    }

    private static void bind(PreparedStatement statement, Link link)
            throws SQLException
    {
        statement.setString(1, link.accountId());
        statement.setString(2, link.relation());
        statement.setString(3, link.fromId());
        statement.setString(4, link.toId());
    }

    @Override
    public List<Link> linksFrom(String accountId, String relation, String fromId)
    {
        requireNonNull(fromId, "fromId is null");
        return links("SELECT account_id, relation, from_id, to_id FROM links WHERE account_id = ? AND relation = ? AND from_id = ? ORDER BY to_id", accountId, relation, fromId);
    }

    @Override
    public List<Link> linksTo(String accountId, String relation, String toId)
    {
        requireNonNull(toId, "toId is null");
        return links("SELECT account_id, relation, from_id, to_id FROM links WHERE account_id = ? AND relation = ? AND to_id = ? ORDER BY from_id", accountId, relation, toId);
    }

    private List<Link> links(String sql, String accountId, String relation, String id)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(relation, "relation is null");
        try {
            PreparedStatement statement = prepare(sql);
            statement.setString(1, accountId);
            statement.setString(2, relation);
            statement.setString(3, id);
            List<Link> links = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    links.add(new Link(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
            return links;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "listing " + relation + " links of " + id);
        }
    }

    // ---- secrets

    @Override
    public Optional<byte[]> secret(String accountId, String ownerId, String purpose)
    {
        byte[] associatedData = secretAssociatedData(accountId, ownerId, purpose);
        try {
            PreparedStatement statement = prepare("SELECT ciphertext FROM secrets WHERE account_id = ? AND owner_id = ? AND purpose = ?");
            statement.setString(1, accountId);
            statement.setString(2, ownerId);
            statement.setString(3, purpose);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(cipher.decrypt(rows.getBytes(1), associatedData)) : Optional.empty();
            }
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "reading secret " + purpose + " of " + ownerId);
        }
    }

    @Override
    public void putSecret(String accountId, String ownerId, String purpose, byte[] plaintext)
    {
        requireNonNull(plaintext, "plaintext is null");
        byte[] ciphertext = cipher.encrypt(plaintext, secretAssociatedData(accountId, ownerId, purpose));
        try {
            PreparedStatement statement = prepare("INSERT INTO secrets (account_id, owner_id, purpose, ciphertext) VALUES (?, ?, ?, ?) " +
                    "ON CONFLICT (account_id, owner_id, purpose) DO UPDATE SET ciphertext = excluded.ciphertext");
            statement.setString(1, accountId);
            statement.setString(2, ownerId);
            statement.setString(3, purpose);
            statement.setBytes(4, ciphertext);
            statement.executeUpdate();
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "storing secret " + purpose + " of " + ownerId);
        }
    }

    @Override
    public boolean deleteSecret(String accountId, String ownerId, String purpose)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(purpose, "purpose is null");
        try {
            PreparedStatement statement = prepare("DELETE FROM secrets WHERE account_id = ? AND owner_id = ? AND purpose = ?");
            statement.setString(1, accountId);
            statement.setString(2, ownerId);
            statement.setString(3, purpose);
            return statement.executeUpdate() == 1;
        }
        catch (SQLException e) {
            throw SqliteErrors.translate(e, "deleting secret " + purpose + " of " + ownerId);
        }
    }

    private static byte[] secretAssociatedData(String accountId, String ownerId, String purpose)
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(ownerId, "ownerId is null");
        requireNonNull(purpose, "purpose is null");
        return SecretCipher.associatedData("secrets", accountId, ownerId, purpose);
    }

    // ---- store internals

    /** Reads the persisted revision, stores it plus one, and returns the new value; the caller commits. */
    long advanceRevision()
            throws SQLException
    {
        PreparedStatement select = prepare("SELECT value FROM meta WHERE key = 'revision'");
        long revision;
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                throw new StoreException("the meta table has no revision row: the database is damaged");
            }
            revision = rows.getLong(1);
        }
        PreparedStatement update = prepare("UPDATE meta SET value = ? WHERE key = 'revision'");
        update.setLong(1, revision + 1);
        update.executeUpdate();
        return revision + 1;
    }

    void deleteAllRows()
            throws SQLException
    {
        // children first, so the foreign keys hold at every step
        for (String table : List.of("links", "secrets", "entities", "access_keys", "accounts")) {
            connection.execute("DELETE FROM " + table);
        }
    }

    static long nanos(Instant instant)
    {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long nanos)
    {
        return Instant.ofEpochSecond(0, nanos);
    }
}
