namespace MailOutbox;

/// <summary>
/// The mail_outbox table <see cref="MailOutboxStore"/> works on. Each program's own migration creates it in its
/// database (edge 006_notifications.sql, status site 003_subscribers.sql; applied scripts are history and stay
/// as written), and a test in each program checks that what its migrations create is this, so the two copies cannot drift.
/// </summary>
internal static class MailOutboxSchema
{
    public const string CreateTableSql = """
        CREATE TABLE mail_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id TEXT NOT NULL,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            text_body TEXT NOT NULL,
            headers TEXT NULL,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT NULL,
            sent_at INTEGER NULL,
            given_up_at INTEGER NULL
        )
        """;

    public const string CreateIndexSql = "CREATE INDEX ix_mail_outbox_due ON mail_outbox (sent_at, given_up_at, next_attempt_at)";
}
