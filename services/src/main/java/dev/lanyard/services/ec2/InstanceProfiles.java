package dev.lanyard.services.ec2;

import dev.lanyard.services.CallContext;
import dev.lanyard.services.authorization.AccessControl;
import dev.lanyard.services.iam.EntityKinds;
import dev.lanyard.services.iam.IamArns;
import dev.lanyard.store.Entity;
import dev.lanyard.store.Link;
import dev.lanyard.store.ReadTransaction;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The IAM side of handing an instance profile to EC2: finding the profile an {@link IamInstanceProfileSpecification}
 * names in the caller's account, and requiring iam:PassRole on its role.
 *
 * <p>The policy decision reads the store, and transactions do not nest, so an operation resolves the profile in one
 * read, asks for iam:PassRole outside any transaction, and then {@link #recheck}s the profile inside its write: a role
 * swapped in between is refused rather than passed unauthorized.
 */
final class InstanceProfiles
{
    private static final String PASSED_TO_SERVICE = "ec2.amazonaws.com";

    private final AccessControl accessControl;

    InstanceProfiles(AccessControl accessControl)
    {
        this.accessControl = requireNonNull(accessControl, "accessControl is null");
    }

    /** The profile by ARN or name; InvalidParameterValue with AWS's message when the caller's account has no such profile. */
    static PassedProfile resolve(ReadTransaction transaction, String accountId, IamInstanceProfileSpecification specification)
    {
        String arn = specification.arn();
        String name = specification.name();
        if (arn == null && name == null) {
            throw Ec2Errors.missingParameter("IamInstanceProfile.Arn or IamInstanceProfile.Name");
        }
        Entity profile;
        if (arn != null) {
            profile = byArn(transaction, accountId, arn).orElseThrow(() -> invalidArn(arn));
            if (name != null && !name.equalsIgnoreCase(profile.name())) {
                throw invalidName(name);
            }
        }
        else {
            profile = transaction.entityByName(accountId, EntityKinds.INSTANCE_PROFILE, name).orElseThrow(() -> invalidName(name));
        }
        return passedProfile(transaction, profile);
    }

    /** The profile by ARN or name, if the caller's account has it; for services launching on the caller's behalf. */
    static Optional<PassedProfile> find(ReadTransaction transaction, String accountId, IamInstanceProfileSpecification specification)
    {
        Optional<Entity> profile = specification.arn() != null
                ? byArn(transaction, accountId, specification.arn())
                : Optional.ofNullable(specification.name()).flatMap(name -> transaction.entityByName(accountId, EntityKinds.INSTANCE_PROFILE, name));
        return profile.map(found -> passedProfile(transaction, found));
    }

    /** Throws EC2's UnauthorizedOperation unless the caller may pass the profile's role to each of these instances. */
    void requirePassRole(CallContext call, PassedProfile profile, List<String> instanceArns)
    {
        if (profile.roleArn().isEmpty()) {
            return;
        }
        for (String instanceArn : instanceArns) {
            accessControl.requirePassRole(call, profile.roleArn().get(), PASSED_TO_SERVICE, instanceArn);
        }
    }

    /** Inside the write: the profile as authorized, or IncorrectState when it was deleted or its role changed meanwhile. */
    static PassedProfile recheck(ReadTransaction transaction, String accountId, PassedProfile authorized)
    {
        Optional<Entity> profile = transaction.entityById(accountId, EntityKinds.INSTANCE_PROFILE, authorized.profileId());
        if (profile.isEmpty()) {
            throw invalidArn(authorized.profileArn());
        }
        PassedProfile current = passedProfile(transaction, profile.get());
        if (!current.equals(authorized)) {
            throw Ec2Errors.incorrectState("The instance profile " + authorized.profileArn() + " changed during the request. Retry the request.");
        }
        return current;
    }

    static String instanceArn(String region, String accountId, String instanceId)
    {
        return "arn:aws:ec2:" + region + ":" + accountId + ":instance/" + instanceId;
    }

    private static Optional<Entity> byArn(ReadTransaction transaction, String accountId, String arn)
    {
        String prefix = "arn:aws:iam::" + accountId + ":instance-profile/";
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return transaction.entityByName(accountId, EntityKinds.INSTANCE_PROFILE, name)
                .filter(profile -> IamArns.instanceProfile(accountId, profile.path(), profile.name()).equals(arn));
    }

    private static PassedProfile passedProfile(ReadTransaction transaction, Entity profile)
    {
        String accountId = profile.accountId();
        Optional<Entity> role = transaction.linksTo(accountId, EntityKinds.ROLE_IN_INSTANCE_PROFILE, profile.id()).stream()
                .map(Link::fromId)
                .findFirst()
                .flatMap(roleId -> transaction.entityById(accountId, EntityKinds.ROLE, roleId));
        return new PassedProfile(
                profile.id(),
                IamArns.instanceProfile(accountId, profile.path(), profile.name()),
                role.map(Entity::id),
                role.map(found -> IamArns.role(accountId, found.path(), found.name())));
    }

    private static RuntimeException invalidArn(String arn)
    {
        return Ec2Errors.invalidParameterValue("Value (" + arn + ") for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN");
    }

    private static RuntimeException invalidName(String name)
    {
        return Ec2Errors.invalidParameterValue("Value (" + name + ") for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name");
    }
}
