import CeldaCore

/// Any kind's own facts on PostgreSQL: the same table as SQLite's `kind_fact`
/// (`KindFactTables`), the data as text holding the same JSON.
enum PostgresFacts {
    static let migration = """
        CREATE TABLE kind_fact (
            kind text NOT NULL,
            key text NOT NULL,
            day date NOT NULL,
            file_id bigint NOT NULL REFERENCES ingested_file,
            source_file text NOT NULL,
            "row" integer NOT NULL,
            data text NOT NULL,
            PRIMARY KEY (kind, key)
        );
        CREATE INDEX kind_fact_by_day ON kind_fact (kind, day);
        """

    /// Inside the file's transaction: the latest file's fact of a key replaces an earlier one.
    static func ingest(_ facts: [KindFact], on conn: PGConnection, fileID: String) throws {
        for f in facts {
            try conn.execute("""
                INSERT INTO kind_fact (kind, key, day, file_id, source_file, "row", data) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (kind, key) DO UPDATE SET day = EXCLUDED.day, file_id = EXCLUDED.file_id, source_file = EXCLUDED.source_file,
                    "row" = EXCLUDED."row", data = EXCLUDED.data
                """, [f.kind, f.key, f.day.description, fileID, f.sourceFile, String(f.row), FactValue.json(f.values)])
        }
    }

    /// A station's facts copied into the server: a key the server holds keeps the server's.
    static func copy(_ rows: [[String?]], on conn: PGConnection) throws {
        guard !rows.isEmpty else { return }
        try conn.execute("""
            CREATE TEMP TABLE x_kind_fact (kind text, key text, day date, file_old bigint, source_file text, "row" integer, data text) ON COMMIT DROP
            """)
        try conn.copyIn("COPY x_kind_fact FROM STDIN", lines: rows.map(PGCopy.line))
        try conn.execute("""
            INSERT INTO kind_fact (kind, key, day, file_id, source_file, "row", data)
            SELECT v.kind, v.key, v.day, f.new_id, v.source_file, v."row", v.data FROM x_kind_fact v JOIN x_file f ON f.old_id = v.file_old
            ORDER BY v.kind, v.key ON CONFLICT (kind, key) DO NOTHING
            """)
    }
}

extension PostgresStore {
    public func facts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [KindFact] {
        try withConnection { conn in
            let r = try conn.execute("""
                SELECT key, day::text AS day, source_file, "row", data FROM kind_fact WHERE kind = $1 AND day BETWEEN $2 AND $3
                ORDER BY day, source_file COLLATE "C", "row", key COLLATE "C"
                """, [kind, first.description, last.description])
            return try (0..<r.count).map { i in
                try KindFactTables.fact(kind: kind, key: r.text(i, "key") ?? "", day: r.text(i, "day") ?? "", sourceFile: r.text(i, "source_file") ?? "",
                                        row: r.int(i, "row") ?? 0, data: r.text(i, "data") ?? "", location: location)
            }
        }
    }
}
