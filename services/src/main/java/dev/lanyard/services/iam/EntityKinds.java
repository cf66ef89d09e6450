package dev.lanyard.services.iam;

/** The kinds of IAM entities in the store ({@link dev.lanyard.store.Entity#kind()}) and the relations between them. */
public final class EntityKinds
{
    public static final String ROLE = "role";
    public static final String USER = "user";
    public static final String GROUP = "group";
    public static final String MANAGED_POLICY = "managed-policy";
    public static final String INSTANCE_PROFILE = "instance-profile";
    public static final String VIRTUAL_MFA_DEVICE = "virtual-mfa-device";
    public static final String OIDC_PROVIDER = "oidc-provider";
    public static final String SAML_PROVIDER = "saml-provider";
    public static final String SERVER_CERTIFICATE = "server-certificate";
    public static final String SIGNING_CERTIFICATE = "signing-certificate";
    public static final String SSH_PUBLIC_KEY = "ssh-public-key";
    public static final String SERVICE_SPECIFIC_CREDENTIAL = "service-specific-credential";
    public static final String ACCOUNT_SETTINGS = "account-settings";

    /** Links: from → to. */
    public static final String POLICY_ATTACHED_TO_ROLE = "policy-attached-to-role";
    public static final String POLICY_ATTACHED_TO_USER = "policy-attached-to-user";
    public static final String POLICY_ATTACHED_TO_GROUP = "policy-attached-to-group";
    public static final String USER_IN_GROUP = "user-in-group";
    public static final String ROLE_IN_INSTANCE_PROFILE = "role-in-instance-profile";

    private EntityKinds() {}
}
