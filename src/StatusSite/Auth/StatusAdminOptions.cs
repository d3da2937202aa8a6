namespace StatusSite.Auth;

/// <summary>Staff access (Status:Admin).</summary>
internal sealed class StatusAdminOptions
{
    public const string SectionName = "Status:Admin";

    /// <summary>A staff API token accepted while it is set; meant for bootstrap and scripts.</summary>
    public string? BootstrapToken { get; set; }

    /// <summary>First staff account, created at start when no account exists yet.</summary>
    public string? InitialUser { get; set; }

    public string? InitialPassword { get; set; }

    /// <summary>Login attempts allowed per client address per minute.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
