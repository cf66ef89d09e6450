package dev.lanyard.services.emr;

import dev.lanyard.services.iam.EntityJson;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import dev.lanyard.store.WriteTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Reading and writing cluster entities of one account and region. */
final class StoredClusters
{
    private static final int PAGE = 1000;

    private StoredClusters() {}

    /** A cluster entity and its body. */
    record StoredCluster(Entity entity, ClusterBody body)
    {
        StoredCluster
        {
            requireNonNull(entity, "entity is null");
            requireNonNull(body, "body is null");
        }
    }

    static String regionPath(String region)
    {
        return "/" + region + "/";
    }

    static Optional<StoredCluster> find(ReadTransaction transaction, String accountId, String region, String clusterId)
    {
        return transaction.entityByName(accountId, ClusterBody.KIND, clusterId)
                .filter(entity -> entity.path().equals(regionPath(region)) && entity.name().equals(clusterId))
                .map(entity -> new StoredCluster(entity, EntityJson.read(entity.body(), ClusterBody.class)));
    }

    /** The cluster, or InvalidRequestException as AWS answers an unknown id. */
    static StoredCluster require(ReadTransaction transaction, String accountId, String region, String clusterId)
    {
        return find(transaction, accountId, region, clusterId).orElseThrow(() -> EmrErrors.clusterNotFound(clusterId));
    }

    /** Each named cluster once (a repeated id would otherwise be written twice from the same version), or InvalidRequestException. */
    static List<StoredCluster> requireAll(ReadTransaction transaction, String accountId, String region, List<String> clusterIds)
    {
        return clusterIds.stream().distinct().map(clusterId -> require(transaction, accountId, region, clusterId)).toList();
    }

    static List<ClusterBody> all(ReadTransaction transaction, String accountId, String region)
    {
        List<ClusterBody> clusters = new ArrayList<>();
        String after = null;
        while (true) {
            List<Entity> page = transaction.entities(accountId, ClusterBody.KIND, regionPath(region), after, PAGE);
            page.forEach(entity -> clusters.add(EntityJson.read(entity.body(), ClusterBody.class)));
            if (page.size() < PAGE) {
                return clusters;
            }
            after = page.getLast().name();
        }
    }

    static void update(WriteTransaction transaction, StoredCluster cluster, ClusterBody body)
    {
        transaction.updateEntity(cluster.entity().withBody(EntityJson.write(body)));
    }
}
