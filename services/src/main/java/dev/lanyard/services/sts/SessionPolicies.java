package dev.lanyard.services.sts;

import dev.lanyard.policy.MalformedPolicyException;
import dev.lanyard.policy.PolicyUse;
import dev.lanyard.policy.document.PolicyParser;
import dev.lanyard.protocol.AwsErrorException;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;

import static java.util.Objects.requireNonNull;

/**
 * The session policies and tags a caller passes when creating a session, validated, with their packed size.
 *
 * <p>AWS packs session policies and tags into a compressed binary form with an unpublished limit and reports the
 * packed size as a percentage of that limit. We compress the same material (the policy without insignificant
 * whitespace, the policy ARNs, the tags) with DEFLATE and measure it against {@link #PACKED_LIMIT_BYTES}, chosen so
 * that the usual sizes land where AWS puts them: a small policy a few percent, fifty long tags beyond the limit.
 */
record SessionPolicies(Optional<String> policy, List<String> policyArns, int packedPolicySize)
{
    static final int PACKED_LIMIT_BYTES = 2048;

    SessionPolicies
    {
        requireNonNull(policy, "policy is null");
        policyArns = List.copyOf(requireNonNull(policyArns, "policyArns is null"));
    }

    /** Validates the request's session policies; throws MalformedPolicyDocument or PackedPolicyTooLarge as AWS does. */
    static SessionPolicies of(String policy, List<PolicyDescriptorType> policyArns, Map<String, String> tags)
    {
        if (policy != null) {
            try {
                PolicyParser.parse(policy, PolicyUse.SESSION);
            }
            catch (MalformedPolicyException malformed) {
                throw new AwsErrorException("MalformedPolicyDocument", malformed.getMessage(), 400);
            }
        }
        List<String> arns = policyArns == null ? List.of() : policyArns.stream().map(PolicyDescriptorType::arn).toList();
        for (String arn : arns) {
            if (arn == null || !arn.startsWith("arn:aws:iam::") || !arn.contains(":policy/")) {
                throw new AwsErrorException("InvalidParameterValue", "Invalid policy ARN: " + arn, 400);
            }
        }
        int percent = packedPercent(policy, arns, tags);
        if (percent > 100) {
            throw StsErrors.packedPolicyTooLarge(percent);
        }
        return new SessionPolicies(Optional.ofNullable(policy), arns, percent);
    }

    /** Whether the request passed any session policy: AWS reports PackedPolicySize only then (or with tags). */
    boolean present()
    {
        return policy.isPresent() || !policyArns.isEmpty();
    }

    static int packedPercent(String policy, List<String> policyArns, Map<String, String> tags)
    {
        if (policy == null && policyArns.isEmpty() && tags.isEmpty()) {
            return 0;
        }
        StringBuilder material = new StringBuilder();
        if (policy != null) {
            material.append(withoutWhitespace(policy));
        }
        policyArns.forEach(arn -> material.append('\u0000').append(arn));
        tags.forEach((key, value) -> material.append('\u0000').append(key).append('=').append(value));
        byte[] input = material.toString().getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            packed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return (int) Math.ceil(packed.size() * 100.0 / PACKED_LIMIT_BYTES);
    }

    private static String withoutWhitespace(String json)
    {
        StringBuilder result = new StringBuilder(json.length());
        boolean inString = false;
        for (int index = 0; index < json.length(); index++) {
            char character = json.charAt(index);
            if (inString) {
                result.append(character);
                if (character == '\\' && index + 1 < json.length()) {
                    result.append(json.charAt(++index));
                }
                else if (character == '"') {
                    inString = false;
                }
            }
            else if (character == '"') {
                inString = true;
                result.append(character);
            }
            else if (!Character.isWhitespace(character)) {
                result.append(character);
            }
        }
        return result.toString();
    }
}
