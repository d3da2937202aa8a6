CREATE TABLE check_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    check_name TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    status TEXT NOT NULL,
    hard INTEGER NOT NULL,
    flapping INTEGER NOT NULL,
    value REAL NULL,
    message TEXT NOT NULL
);
CREATE INDEX ix_check_results_name_id ON check_results (check_name, id);
CREATE INDEX ix_check_results_at ON check_results (at_ms);
