/// The store's schema on PostgreSQL: the same tables, columns and migration identifiers as
/// `Schema` (SQLite), in PostgreSQL's words (identity keys, `date` days, `timestamptz`). A
/// database written by either backend at version "vN" has the same shape. Add a migration here
/// whenever one is added to `Schema` — never edit a released one.
///
/// Applied migrations are listed in `celda_migrations`. Several stations may start at once
/// against an empty database: each takes the same transaction-scoped advisory lock before it
/// looks at that table, so one creates the schema and the others then find it done.
enum PostgresSchema {
    /// An arbitrary constant naming "Celda's migrations" among advisory locks ('CELDA' in ASCII).
    static let advisoryLock = "4359474c4441"

    static let migrations: [(id: String, sql: String)] = [
        ("v1 history", """
            CREATE TABLE ingested_file (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                sha256 text NOT NULL UNIQUE,
                name text NOT NULL,
                kind text NOT NULL,
                station text NOT NULL,
                output text,
                "rows" integer NOT NULL,
                processed_on date NOT NULL,
                ingested_at timestamptz NOT NULL
            );
            CREATE TABLE case_record (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind text NOT NULL,
                key text NOT NULL,
                first_file_id bigint NOT NULL REFERENCES ingested_file,
                source_file text NOT NULL,
                sheet text NOT NULL,
                "row" integer NOT NULL,
                day date,
                seconds_of_day integer,
                first_seen date NOT NULL,
                last_seen date NOT NULL,
                cuenta text,
                asesor text,
                asesor_id text,
                supervisor text,
                causal_code text,
                causal text,
                evidence text,
                procede text,
                estado text NOT NULL,
                area text,
                motivo text,
                observaciones text,
                form_errors text NOT NULL DEFAULT '',
                UNIQUE (kind, key)
            );
            CREATE INDEX case_by_kind_day ON case_record (kind, day);
            CREATE INDEX case_by_cuenta_day ON case_record (cuenta, day);
            CREATE TABLE sighting (
                case_id bigint NOT NULL REFERENCES case_record,
                file_id bigint NOT NULL REFERENCES ingested_file,
                sheet text NOT NULL,
                "row" integer NOT NULL,
                PRIMARY KEY (file_id, sheet, "row")
            );
            CREATE TABLE decision (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                case_id bigint NOT NULL REFERENCES case_record,
                file_id bigint NOT NULL REFERENCES ingested_file,
                field text NOT NULL,
                value text NOT NULL,
                decided_at timestamptz NOT NULL
            );
            """),
        ("v2 decisions by case", """
            CREATE INDEX decision_by_case ON decision (case_id);
            """),
        ("v3 premium", PostgresPremium.migration),
        // The period reports' range and order in one index (see Schema "v4 period index").
        ("v4 period index", """
            CREATE INDEX case_by_kind_period ON case_record (kind, (COALESCE(day, first_seen)), seconds_of_day NULLS FIRST, source_file COLLATE "C", "row");
            """),
        // Gestión Soporte's answer to a reclamación and its day (see Schema "v5 reclamacion answers").
        ("v5 reclamacion answers", """
            ALTER TABLE case_record ADD COLUMN respuesta text, ADD COLUMN respuesta_fecha date;
            """),
        // Any kind's own facts (see Schema "v6 kind facts").
        ("v6 kind facts", PostgresFacts.migration),
        // Messages taken and reports mailed (see Schema "v7 mail ledger"): the same SQL.
        ("v7 mail ledger", MailLedgerTables.sql(integer: "bigint")),
    ]

    /// Applies what is missing, in one transaction under the advisory lock; refuses a database
    /// that a newer Celda migrated (it holds identifiers this version does not know).
    static func migrate(_ conn: PGConnection, upTo last: String? = nil) throws {
        try conn.execute("BEGIN")
        do {
            try conn.execute("SELECT pg_advisory_xact_lock(x'\(advisoryLock)'::bigint)")
            try conn.execute("CREATE TABLE IF NOT EXISTS celda_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            let applied = try appliedIdentifiers(conn)
            let unknown = applied.subtracting(migrations.map(\.id))
            if !unknown.isEmpty { throw StoreError.newerVersion(path: conn.location, unknownMigrations: unknown.sorted()) }
            for migration in migrations where !applied.contains(migration.id) {
                try conn.execute(migration.sql)
                try conn.execute("INSERT INTO celda_migrations (identifier) VALUES ($1)", [migration.id])
                if migration.id == last { break }
            }
            try conn.execute("COMMIT")
        } catch {
            _ = try? conn.execute("ROLLBACK")
            throw error
        }
    }

    static func appliedIdentifiers(_ conn: PGConnection) throws -> Set<String> {
        let result = try conn.execute("SELECT identifier FROM celda_migrations")
        return Set((0..<result.count).compactMap { result.text($0, "identifier") })
    }
}
