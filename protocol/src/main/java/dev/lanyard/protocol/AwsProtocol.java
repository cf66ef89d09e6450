package dev.lanyard.protocol;

/** The wire protocols Lanyard speaks; each has one codec. */
public enum AwsProtocol
{
    /** awsQuery: form-encoded Action/Version requests, XML responses (IAM, STS, Auto Scaling). */
    QUERY,
    /** ec2: query requests without ".member", lowerCamel XML responses with their own envelope. */
    EC2,
    /** awsJson1_1: X-Amz-Target requests, JSON bodies (EMR). */
    JSON_1_1,
}
