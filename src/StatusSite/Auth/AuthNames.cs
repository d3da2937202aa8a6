namespace StatusSite.Auth;

/// <summary>Scheme, role and policy names used across features.</summary>
internal static class AuthNames
{
    public const string BearerScheme = "Bearer";
    public const string CookieScheme = "StaffCookie";
    public const string StaffRole = "staff";
    public const string IngestRole = "ingest";
    public const string StaffApiPolicy = "StaffApi";
    public const string IngestPolicy = "Ingest";
    public const string ConsolePolicy = "Console";
    public const string LoginRateLimit = "login";
}
