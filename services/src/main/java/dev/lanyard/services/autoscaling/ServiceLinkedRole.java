package dev.lanyard.services.autoscaling;

import dev.lanyard.policy.evaluation.ContextValue;
import dev.lanyard.protocol.AwsErrorException;
import dev.lanyard.services.CallContext;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamArns;
import dev.lanyard.services.iam.IamContext;
import dev.lanyard.services.iam.RoleOperations;
import dev.lanyard.store.Entity;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.iam.model.CreateServiceLinkedRoleRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Auto Scaling's service-linked role, AWSServiceRoleForAutoScaling: AWS creates it in the account when the first group is
 * created without a ServiceLinkedRoleARN, and so does Lanyard, through IAM's own CreateServiceLinkedRole. The caller must
 * then be allowed iam:CreateServiceLinkedRole, as in AWS; once the role exists, creating groups needs no IAM permission.
 */
final class ServiceLinkedRole
{
    static final String SERVICE = "autoscaling.amazonaws.com";
    static final String DEFAULT_ROLE_NAME = "AWSServiceRoleForAutoScaling";

    private final AutoScalingContext context;
    private final RoleOperations roles;

    ServiceLinkedRole(AutoScalingContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.roles = new RoleOperations(new IamContext(context.store(), context.clock()));
    }

    /** The ARN of the given role, which must be a role of the account, or of the default role, created when missing. */
    String resolve(CallContext call, Optional<String> givenArn)
    {
        String accountId = call.caller().accountId();
        if (givenArn.isPresent()) {
            String arn = givenArn.get();
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            boolean exists = context.store().read(transaction -> roleArn(transaction, accountId, name)).filter(arn::equals).isPresent();
            if (!exists) {
                throw AutoScalingErrors.validation("ARN specified for Service-Linked Role does not exist.");
            }
            return arn;
        }
        Optional<String> existing = context.store().read(transaction -> roleArn(transaction, accountId, DEFAULT_ROLE_NAME));
        if (existing.isPresent()) {
            return existing.get();
        }
        // As in AWS, the caller whose request creates the role must be allowed to create it.
        context.accessControl().require(call, "iam:CreateServiceLinkedRole", IamArns.role(accountId, "/aws-service-role/" + SERVICE + "/", DEFAULT_ROLE_NAME),
                Map.of("iam:AWSServiceName", List.of(ContextValue.string(SERVICE))), Optional.empty());
        try {
            return roles.createServiceLinkedRole(call, CreateServiceLinkedRoleRequest.builder().awsServiceName(SERVICE).build()).role().arn();
        }
        catch (AwsErrorException e) {
            // Another request created it meanwhile.
            return context.store().read(transaction -> roleArn(transaction, accountId, DEFAULT_ROLE_NAME)).orElseThrow(() -> e);
        }
    }

    private static Optional<String> roleArn(ReadTransaction transaction, String accountId, String name)
    {
        return transaction.entityByName(accountId, EntityKinds.ROLE, name).map((Entity role) -> IamArns.role(accountId, role.path(), role.name()));
    }
}
