namespace StatusSite.Domain;

/// <summary>A component as stored; Automatic says the last status change came from ingest; Hidden ones are for staff only.</summary>
internal sealed record Component(
    string Id,
    string Name,
    string? Group,
    string Status,
    int Position,
    string? Description,
    bool Automatic,
    string? Cause,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Hidden = false)
{
    /// <summary>Statuspage names a grouped component "Group - name" where it stands alone (affected_components, mail).</summary>
    public string FullName => Group is null ? Name : Group + " - " + Name;
}
