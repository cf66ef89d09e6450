package dev.lanyard.services.iam;

import static java.util.Objects.requireNonNull;

/** A GenerateOrganizationsAccessReport job as stored (entity kind {@value #KIND}, id and name the JobId). */
public record OrganizationsAccessReportJob(String entityPath, String organizationsPolicyId, String createDate)
{
    public static final String KIND = "organizations-access-report-job";

    public OrganizationsAccessReportJob
    {
        requireNonNull(entityPath, "entityPath is null");
        requireNonNull(createDate, "createDate is null");
    }
}
