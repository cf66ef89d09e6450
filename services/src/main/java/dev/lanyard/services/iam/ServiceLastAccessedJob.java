package dev.lanyard.services.iam;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A service-last-accessed report as stored (entity kind {@value #KIND}, id and name the JobId): computed in full when
 * it is generated, so paging through it later reads one snapshot.
 *
 * @param services the services the target's policies allow, by namespace
 * @param entities the entities (as ARN, name, type, id, path) whose access the report covers: for a user or role itself,
 *        for a group its members, for a policy the users, groups and roles it is attached to
 */
public record ServiceLastAccessedJob(String arn, String granularity, String createDate, List<Service> services, List<EntityEntry> entities)
{
    public static final String KIND = "service-last-accessed-job";

    public ServiceLastAccessedJob
    {
        requireNonNull(arn, "arn is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(createDate, "createDate is null");
        services = List.copyOf(services);
        entities = List.copyOf(entities);
    }

    /** @param actions the allowed actions the service tracks at action level; null in a SERVICE_LEVEL report or for an untracked service */
    public record Service(String namespace, String name, List<String> actions) {}

    public record EntityEntry(String arn, String name, String type, String id, String path) {}
}
