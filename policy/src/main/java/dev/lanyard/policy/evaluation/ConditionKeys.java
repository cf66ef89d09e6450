package dev.lanyard.policy.evaluation;

/**
 * Names of the context keys the server puts into {@link RequestContext}, spelled as AWS documents them (lookups are
 * case-insensitive). Tag keys take the tag name after the slash: {@code PRINCIPAL_TAG_PREFIX + "team"}.
 */
public final class ConditionKeys
{
    public static final String USERNAME = "aws:username";
    public static final String USER_ID = "aws:userid";
    public static final String PRINCIPAL_ARN = "aws:PrincipalArn";
    public static final String PRINCIPAL_ACCOUNT = "aws:PrincipalAccount";
    public static final String PRINCIPAL_TYPE = "aws:PrincipalType";
    public static final String PRINCIPAL_TAG_PREFIX = "aws:PrincipalTag/";
    public static final String REQUEST_TAG_PREFIX = "aws:RequestTag/";
    public static final String RESOURCE_TAG_PREFIX = "aws:ResourceTag/";
    public static final String TAG_KEYS = "aws:TagKeys";
    public static final String SOURCE_IP = "aws:SourceIp";
    public static final String CURRENT_TIME = "aws:CurrentTime";
    public static final String EPOCH_TIME = "aws:EpochTime";
    public static final String SECURE_TRANSPORT = "aws:SecureTransport";
    public static final String MULTI_FACTOR_AUTH_PRESENT = "aws:MultiFactorAuthPresent";
    public static final String MULTI_FACTOR_AUTH_AGE = "aws:MultiFactorAuthAge";
    public static final String TOKEN_ISSUE_TIME = "aws:TokenIssueTime";
    public static final String REQUESTED_REGION = "aws:RequestedRegion";
    public static final String USER_AGENT = "aws:UserAgent";
    public static final String VIA_AWS_SERVICE = "aws:ViaAWSService";
    public static final String SOURCE_ARN = "aws:SourceArn";
    public static final String SOURCE_ACCOUNT = "aws:SourceAccount";
    public static final String EXTERNAL_ID = "sts:ExternalId";
    public static final String ROLE_SESSION_NAME = "sts:RoleSessionName";
    public static final String SOURCE_IDENTITY = "sts:SourceIdentity";
    public static final String PASSED_TO_SERVICE = "iam:PassedToService";
    public static final String PERMISSIONS_BOUNDARY = "iam:PermissionsBoundary";
    public static final String POLICY_ARN = "iam:PolicyARN";
    public static final String AWS_SERVICE_NAME = "iam:AWSServiceName";

    private ConditionKeys() {}
}
