package dev.lanyard.services.autoscaling;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The kinds of Auto Scaling entities in the store and the relations between them. Launch configurations and groups are
 * regional and their names case-sensitive, while entity names are unique case-insensitively: an entity's id and name
 * are the region and the hex of the name, its path {@code /REGION/}, so listing by path and name keeps AWS's order.
 */
final class AutoScalingKinds
{
    static final String LAUNCH_CONFIGURATION = "autoscaling-launch-configuration";
    static final String GROUP = "autoscaling-group";

    /** Link: group entity id → the launch configuration entity id it launches with. */
    static final String GROUP_LAUNCH_CONFIGURATION = "autoscaling-group-launch-configuration";
    /** Link: group entity id → an EC2 instance id it manages. */
    static final String GROUP_INSTANCE = "autoscaling-group-instance";

    private AutoScalingKinds() {}

    static String regionPath(String region)
    {
        return "/" + region + "/";
    }

    static String entityName(String region, String name)
    {
        return region + ":" + HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a NextToken can be an entity name of this region: ours are opaque, so anything else is refused. */
    static boolean isEntityName(String region, String token)
    {
        String prefix = region + ":";
        return token.startsWith(prefix) && token.length() > prefix.length() && token.substring(prefix.length()).matches("([0-9a-f]{2})+");
    }
}
