import GRDB

/// The store's schema and its versioned migrations (GRDB `DatabaseMigrator`).
///
/// Migrations are append-only: a shipped migration is never edited; a change is a new one
/// (`v2`, ...). A store touched by a newer RoleLayer (a migration this build does not know) is
/// refused rather than guessed at.
enum StoreSchema {
    /// The canonical columns of `responses`, in the order ``Response`` values are bound
    /// (data.md's field order, with the key first).
    static let contentColumns: [String] = [
        "wave", "respondent_id", "organisation_id", "role", "stage", "confidence", "preparedness",
        "blockers", "primary_blocker", "priorities", "ownership", "direction", "influences", "signoff",
        "org_stage", "sector", "size_band", "region", "weight", "comment",
    ]

    /// Provenance columns written after the content columns.
    static let provenanceColumns: [String] = ["source_file", "source_row", "import_id"]

    /// The migrator with every migration this build knows.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            // Key-value settings of the store; `granularity` is set by the first stored wave.
            try db.execute(sql: """
                CREATE TABLE store_settings (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) STRICT
                """)
            // The import log: one row per file per import.
            try db.execute(sql: """
                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    file TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    offered INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    replaced INTEGER NOT NULL,
                    skipped INTEGER NOT NULL,
                    rejected INTEGER NOT NULL
                ) STRICT
                """)
            // One respondent in one wave. Sets and lists: NULL = not answered, '' = none
            // selected, otherwise codes joined by ';' (codes are [a-z0-9_]+, so ';' is safe).
            try db.execute(sql: """
                CREATE TABLE responses (
                    wave TEXT NOT NULL,
                    respondent_id TEXT NOT NULL,
                    organisation_id TEXT,
                    role TEXT NOT NULL,
                    stage INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 6),
                    confidence INTEGER CHECK (confidence BETWEEN 1 AND 7),
                    preparedness INTEGER CHECK (preparedness BETWEEN 1 AND 7),
                    blockers TEXT,
                    primary_blocker TEXT,
                    priorities TEXT,
                    ownership TEXT,
                    direction INTEGER CHECK (direction BETWEEN -2 AND 2),
                    influences TEXT,
                    signoff TEXT,
                    org_stage INTEGER CHECK (org_stage BETWEEN 0 AND 6),
                    sector TEXT,
                    size_band TEXT,
                    region TEXT,
                    weight REAL NOT NULL CHECK (weight > 0),
                    comment TEXT,
                    source_file TEXT NOT NULL,
                    source_row INTEGER NOT NULL,
                    import_id INTEGER NOT NULL REFERENCES imports(id),
                    PRIMARY KEY (wave, respondent_id)
                ) STRICT, WITHOUT ROWID
                """)
        }
        return m
    }
}
