package dev.lanyard.protocol.shape;

import software.amazon.awssdk.core.SdkPojo;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;

/**
 * The builders of top-level model classes ({@code CreateRoleRequest.builder()}), as a Supplier made once per class
 * with LambdaMetafactory: a plain interface call per request instead of reflection.
 */
public final class Builders
{
    private static final ClassValue<Supplier<Object>> FACTORIES = new ClassValue<>()
    {
        @Override
        protected Supplier<Object> computeValue(Class<?> modelClass)
        {
            return factory(modelClass);
        }
    };

    private Builders() {}

    /** A new builder of a model class that has a static builder() method, as all the SDK's requests and responses do. */
    public static SdkPojo newBuilder(Class<?> modelClass)
    {
        return (SdkPojo) FACTORIES.get(modelClass).get();
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Object> factory(Class<?> modelClass)
    {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle builder = MethodHandles.publicLookup().findStatic(modelClass, "builder", MethodType.methodType(modelClass.getMethod("builder").getReturnType()));
            try {
                CallSite site = LambdaMetafactory.metafactory(
                        lookup,
                        "get",
                        MethodType.methodType(Supplier.class),
                        MethodType.methodType(Object.class),
                        builder,
                        builder.type());
                return (Supplier<Object>) site.getTarget().invokeExact();
            }
            catch (Throwable unsupported) {
                // A lookup that may not spin a lambda for this class: a method handle is slower but still reflection-free.
                return () -> {
                    try {
                        return builder.invoke();
                    }
                    catch (Throwable e) {
                        throw new IllegalStateException("builder() of " + modelClass.getName() + " failed", e);
                    }
                };
            }
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(modelClass.getName() + " has no static builder() method", e);
        }
    }
}
