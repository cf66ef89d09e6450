package dev.lanyard.services;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The implemented operations, keyed by their SDK request class. Filled once at startup, then read-only. */
public final class OperationRegistry
{
    private final Map<Class<? extends SdkRequest>, Operation<?, ?>> operations = new HashMap<>();
    private final Set<Class<? extends SdkRequest>> selfAuthorized = new HashSet<>();

    public <I extends SdkRequest, O extends SdkResponse> OperationRegistry register(Class<I> requestClass, Operation<I, O> operation)
    {
        requireNonNull(requestClass, "requestClass is null");
        requireNonNull(operation, "operation is null");
        if (operations.putIfAbsent(requestClass, operation) != null) {
            throw new IllegalStateException("Operation registered twice: " + requestClass.getName());
        }
        return this;
    }

    /**
     * Registers an operation that authorizes its caller itself (through {@code AccessControl}), because the decision needs
     * what only the operation can establish first: a verified MFA code, the role's trust policy, a validated token.
     */
    public <I extends SdkRequest, O extends SdkResponse> OperationRegistry registerSelfAuthorized(Class<I> requestClass, Operation<I, O> operation)
    {
        register(requestClass, operation);
        selfAuthorized.add(requestClass);
        return this;
    }

    public boolean isSelfAuthorized(Class<? extends SdkRequest> requestClass)
    {
        return selfAuthorized.contains(requestClass);
    }

    public Optional<Operation<SdkRequest, SdkResponse>> find(Class<? extends SdkRequest> requestClass)
    {
        @SuppressWarnings("unchecked")
        Operation<SdkRequest, SdkResponse> operation = (Operation<SdkRequest, SdkResponse>) operations.get(requestClass);
        return Optional.ofNullable(operation);
    }

    public Set<Class<? extends SdkRequest>> requestClasses()
    {
        return Collections.unmodifiableSet(operations.keySet());
    }
}
