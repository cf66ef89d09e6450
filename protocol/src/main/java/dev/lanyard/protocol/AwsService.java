package dev.lanyard.protocol;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The AWS services Lanyard serves, with what the wire needs to know about each: the SigV4 signing name,
 * the protocol, the API version (the Query protocols' Version parameter), the XML namespace of responses,
 * the JSON target prefix and the package of the AWS SDK for Java v2 model classes.
 */
public enum AwsService
{
    IAM("iam", AwsProtocol.QUERY, "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/", null, "software.amazon.awssdk.services.iam", "IamClient"),
    STS("sts", AwsProtocol.QUERY, "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", null, "software.amazon.awssdk.services.sts", "StsClient"),
    EC2("ec2", AwsProtocol.EC2, "2016-11-15", "http://ec2.amazonaws.com/doc/2016-11-15/", null, "software.amazon.awssdk.services.ec2", "Ec2Client"),
    AUTOSCALING("autoscaling", AwsProtocol.QUERY, "2011-01-01", "http://autoscaling.amazonaws.com/doc/2011-01-01/", null, "software.amazon.awssdk.services.autoscaling", "AutoScalingClient"),
    EMR("elasticmapreduce", AwsProtocol.JSON_1_1, "2009-03-31", null, "ElasticMapReduce", "software.amazon.awssdk.services.emr", "EmrClient");

    private final String signingName;
    private final AwsProtocol protocol;
    private final String apiVersion;
    private final String xmlNamespace;
    private final String jsonTargetPrefix;
    private final String modelPackage;
    private final String syncClientName;

    AwsService(String signingName, AwsProtocol protocol, String apiVersion, String xmlNamespace, String jsonTargetPrefix, String modelPackage, String syncClientName)
    {
        this.signingName = requireNonNull(signingName, "signingName is null");
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.apiVersion = requireNonNull(apiVersion, "apiVersion is null");
        this.xmlNamespace = xmlNamespace;
        this.jsonTargetPrefix = jsonTargetPrefix;
        this.modelPackage = requireNonNull(modelPackage, "modelPackage is null");
        this.syncClientName = requireNonNull(syncClientName, "syncClientName is null");
    }

    public String signingName()
    {
        return signingName;
    }

    public AwsProtocol protocol()
    {
        return protocol;
    }

    public String apiVersion()
    {
        return apiVersion;
    }

    /** Namespace of XML responses; absent for JSON services. */
    public Optional<String> xmlNamespace()
    {
        return Optional.ofNullable(xmlNamespace);
    }

    /** Prefix of the X-Amz-Target header ("ElasticMapReduce" in "ElasticMapReduce.RunJobFlow"); absent for Query services. */
    public Optional<String> jsonTargetPrefix()
    {
        return Optional.ofNullable(jsonTargetPrefix);
    }

    /** Package of the SDK's model classes ({@code modelPackage() + ".model.CreateRoleRequest"}). */
    public String sdkPackage()
    {
        return modelPackage;
    }

    /** Fully qualified name of the SDK's synchronous client interface, whose methods list every operation. */
    public String syncClientClassName()
    {
        return modelPackage + "." + syncClientName;
    }

    /** The service a SigV4 credential scope names, e.g. "iam" or "elasticmapreduce". */
    public static Optional<AwsService> forSigningName(String signingName)
    {
        String normalized = signingName.toLowerCase(Locale.ROOT);
        for (AwsService service : values()) {
            if (service.signingName.equals(normalized)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The Query service whose API version this is (the Version form parameter). */
    public static Optional<AwsService> forApiVersion(String version)
    {
        for (AwsService service : values()) {
            if (service.protocol != AwsProtocol.JSON_1_1 && service.apiVersion.equals(version)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The JSON service an X-Amz-Target header belongs to ("ElasticMapReduce.RunJobFlow"). */
    public static Optional<AwsService> forJsonTarget(String target)
    {
        int dot = target.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String prefix = target.substring(0, dot);
        for (AwsService service : values()) {
            if (prefix.equals(service.jsonTargetPrefix)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
