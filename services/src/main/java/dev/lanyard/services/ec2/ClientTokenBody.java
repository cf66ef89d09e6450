package dev.lanyard.services.ec2;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** The stored body of a RunInstances ClientToken: the reservation the first call with the token launched. */
record ClientTokenBody(String reservationId, List<String> instanceIds)
{
    ClientTokenBody
    {
        requireNonNull(reservationId, "reservationId is null");
        instanceIds = List.copyOf(requireNonNull(instanceIds, "instanceIds is null"));
    }
}
