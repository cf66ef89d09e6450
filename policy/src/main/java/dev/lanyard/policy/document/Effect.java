package dev.lanyard.policy.document;

public enum Effect
{
    ALLOW,
    DENY,
}
