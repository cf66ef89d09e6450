package dev.lanyard.services.auth;

/** How requests are authenticated. */
public enum AuthMode
{
    /** Every request is signed with a known, active key and its signature verified. */
    STRICT,
    /**
     * For mock-style test suites: a request signed with an unknown access key is taken as the default account's root
     * without checking its signature. Known keys are still fully checked.
     */
    LENIENT,
}
