namespace SorryEdge.Admin;

/// <summary>Scheme, policy and claim names of the admin API's bearer tokens.</summary>
internal static class AdminAuthNames
{
    /// <summary>The bearer token scheme (<see cref="AdminTokenHandler"/>).</summary>
    public const string Scheme = "SorryEdgeToken";

    /// <summary>Any valid token, staff or customer; which sites it sees is decided by the handlers.</summary>
    public const string SiteOwnerPolicy = "SiteOwner";

    /// <summary>Only staff tokens.</summary>
    public const string StaffPolicy = "Staff";

    /// <summary>
    /// The authentication type the portal gives a cookie session it has checked against its
    /// server-side session; like the token scheme, it is trusted to name the caller.
    /// </summary>
    public const string PortalSessionType = "SorryEdge.PortalSession";

    public const string TokenIdClaim = "sorryedge:token";
    public const string StaffClaim = "sorryedge:staff";
    public const string CustomerClaim = "sorryedge:customer";
}
