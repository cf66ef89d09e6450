package dev.lanyard.protocol;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * IAM answers policy documents (AssumeRolePolicyDocument, PolicyDocument, a policy version's Document) URL-encoded,
 * and the SDKs hand that text to applications undecoded: the AWS CLI and boto3 decode it themselves. The codec writes
 * response strings as they are, so business code puts {@link #encode} of the document into IAM responses.
 * Requests carry the plain JSON (only form-encoded), so nothing is decoded on the way in.
 */
public final class PolicyDocuments
{
    private PolicyDocuments() {}

    /** Percent-encodes like AWS: spaces become %20, not '+'. */
    public static String encode(String document)
    {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String decode(String encoded)
    {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
