package dev.lanyard.services.emr;

import dev.lanyard.protocol.AwsService;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.ServiceTestSupport;
import software.amazon.awssdk.services.iam.model.User;

import java.time.Clock;

/** The IAM, EC2 and EMR operations over a real SQLite store. */
final class EmrTestSupport
        extends ServiceTestSupport
{
    static final String EMR_TRUST = trust("elasticmapreduce.amazonaws.com");

    EmrTestSupport()
    {
        super(AwsService.EMR, (store, accessControl, operations) -> new EmrOperations(new EmrContext(store, Clock.systemUTC(), accessControl)).register(operations));
    }

    static CallContext user(User user)
    {
        return userCall(user, AwsService.EMR);
    }
}
