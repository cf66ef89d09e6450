package dev.lanyard.services.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The stored body of a customer managed policy (entity kind {@link EntityKinds#MANAGED_POLICY}). Attachment and
 * permissions-boundary counts are not stored: they are the links to the policy, so they cannot drift from them.
 *
 * @param nextVersion the number of the next version id; version ids are never reused, as in IAM
 * @param versions oldest first; one of them is {@code defaultVersionId}
 */
public record ManagedPolicyBody(String description, String defaultVersionId, int nextVersion, List<Version> versions, List<StoredTag> tags)
{
    public ManagedPolicyBody
    {
        requireNonNull(defaultVersionId, "defaultVersionId is null");
        versions = List.copyOf(requireNonNull(versions, "versions is null"));
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** @param createDate ISO-8601 */
    public record Version(String versionId, String document, String createDate)
    {
        public Version
        {
            requireNonNull(versionId, "versionId is null");
            requireNonNull(document, "document is null");
            requireNonNull(createDate, "createDate is null");
        }
    }

    public Optional<Version> version(String versionId)
    {
        return versions.stream().filter(version -> version.versionId().equals(versionId)).findFirst();
    }

    public Version defaultVersion()
    {
        return version(defaultVersionId).orElseThrow(() -> new IllegalStateException("Default version missing: " + defaultVersionId));
    }

    /** IAM's UpdateDate: the creation of the newest version (the policy's creation while it has one version). */
    public String updateDate()
    {
        return versions.getLast().createDate();
    }

    public ManagedPolicyBody withVersionAdded(Version version, boolean setAsDefault)
    {
        List<Version> newVersions = new ArrayList<>(versions);
        newVersions.add(version);
        return new ManagedPolicyBody(description, setAsDefault ? version.versionId() : defaultVersionId, nextVersion + 1, newVersions, tags);
    }

    public ManagedPolicyBody withVersionRemoved(String versionId)
    {
        List<Version> newVersions = new ArrayList<>(versions);
        newVersions.removeIf(version -> version.versionId().equals(versionId));
        return new ManagedPolicyBody(description, defaultVersionId, nextVersion, newVersions, tags);
    }

    public ManagedPolicyBody withDefaultVersion(String versionId)
    {
        return new ManagedPolicyBody(description, versionId, nextVersion, versions, tags);
    }

    public ManagedPolicyBody withTags(List<StoredTag> newTags)
    {
        return new ManagedPolicyBody(description, defaultVersionId, nextVersion, versions, newTags);
    }
}
