using System.Security.Cryptography;

namespace StatusSite.Data;

/// <summary>Statuspage-style ids: 12 random lowercase base-36 characters.</summary>
internal static class RowIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 12);
}
