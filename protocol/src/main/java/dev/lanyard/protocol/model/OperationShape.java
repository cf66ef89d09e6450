package dev.lanyard.protocol.model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One modelled operation: its botocore name, the shape of its input and output (an operation without output
 * answers an empty result), and the error shapes it declares.
 */
public record OperationShape(String name, Optional<String> inputShape, Optional<String> outputShape, List<String> errorShapes)
{
    public OperationShape
    {
        requireNonNull(name, "name is null");
        requireNonNull(inputShape, "inputShape is null");
        requireNonNull(outputShape, "outputShape is null");
        errorShapes = List.copyOf(requireNonNull(errorShapes, "errorShapes is null"));
    }
}
