namespace SqliteKit;

/// <summary>One embedded migration: <c>Migrations/NNN_name.sql</c> of a program's assembly.</summary>
internal sealed record MigrationScript(int Version, string Name, string ResourceName);
