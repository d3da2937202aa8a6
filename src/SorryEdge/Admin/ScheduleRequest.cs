using SorryEdge.Sites;

namespace SorryEdge.Admin;

/// <summary>Body of <c>POST /api/v1/sites/{id}/schedules</c>.</summary>
internal sealed record ScheduleRequest(DateTimeOffset Start, DateTimeOffset End, SiteMode Mode = SiteMode.Maintenance);
