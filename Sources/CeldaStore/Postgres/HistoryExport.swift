import Foundation

/// A SQLite history's tables as text, column for column, for copying into PostgreSQL.
struct HistorySnapshot {
    var files: [[String?]]
    var cases: [[String?]]
    var sightings: [[String?]]
    var decisions: [[String?]]
}

/// What `celda store export` did.
public struct HistoryCopy: Equatable, Sendable {
    /// Files copied, and files the server already had (same content, from this or another station).
    public var filesCopied: Int
    public var filesAlreadyThere: Int
    public var newCases: Int
    public var updatedCases: Int
}

extension PostgresStore {
    /// Copies a station's SQLite history into this database, in one transaction: every file the
    /// server does not hold yet (by content hash) with its sightings and decisions, and the cases
    /// those files touch. A case the server already has keeps its earliest first day and takes
    /// the state of whichever side saw it last. Running it again copies nothing twice.
    public func copyHistory(from source: SQLiteStore) throws -> HistoryCopy {
        let snapshot = try source.snapshot()
        return try withConnection { conn in
            try conn.execute("BEGIN")
            do {
                let result = try copy(snapshot, on: conn)
                try conn.execute("COMMIT")
                return result
            } catch {
                if conn.isUsable { _ = try? conn.execute("ROLLBACK") }
                throw error
            }
        }
    }

    private func copy(_ s: HistorySnapshot, on conn: PGConnection) throws -> HistoryCopy {
        try conn.execute("""
            CREATE TEMP TABLE x_file (old_id bigint, sha256 text, name text, kind text, station text, output text, "rows" integer,
                processed_on date, ingested_at timestamptz, new_id bigint, is_new boolean NOT NULL DEFAULT false) ON COMMIT DROP
            """)
        try conn.copyIn("COPY x_file (old_id, sha256, name, kind, station, output, \"rows\", processed_on, ingested_at) FROM STDIN",
                        lines: s.files.map(PGCopy.line))
        let inserted = try conn.execute("""
            WITH ins AS (
                INSERT INTO ingested_file (sha256, name, kind, station, output, "rows", processed_on, ingested_at)
                SELECT sha256, name, kind, station, output, "rows", processed_on, ingested_at FROM x_file ORDER BY old_id
                ON CONFLICT (sha256) DO NOTHING RETURNING id, sha256
            )
            UPDATE x_file SET new_id = ins.id, is_new = true FROM ins WHERE x_file.sha256 = ins.sha256
            """).affected
        guard inserted > 0 else { return HistoryCopy(filesCopied: 0, filesAlreadyThere: s.files.count, newCases: 0, updatedCases: 0) }
        try conn.execute("UPDATE x_file SET new_id = f.id FROM ingested_file f WHERE x_file.new_id IS NULL AND f.sha256 = x_file.sha256")
        try conn.execute("""
            CREATE TEMP TABLE x_case (old_id bigint, kind text, key text, first_file_old bigint, source_file text, sheet text, "row" integer,
                day date, seconds_of_day integer, first_seen date, last_seen date, cuenta text, asesor text, asesor_id text, supervisor text,
                causal_code text, causal text, evidence text, procede text, estado text, area text, motivo text, observaciones text,
                form_errors text) ON COMMIT DROP;
            CREATE TEMP TABLE x_sighting (case_old bigint, file_old bigint, sheet text, "row" integer) ON COMMIT DROP;
            CREATE TEMP TABLE x_decision (old_id bigint, case_old bigint, file_old bigint, field text, value text, decided_at timestamptz) ON COMMIT DROP
            """)
        try conn.copyIn("COPY x_case FROM STDIN", lines: s.cases.map(PGCopy.line))
        try conn.copyIn("COPY x_sighting FROM STDIN", lines: s.sightings.map(PGCopy.line))
        try conn.copyIn("COPY x_decision FROM STDIN", lines: s.decisions.map(PGCopy.line))
        // The state of whichever side saw the case last; its first day the earliest of both.
        let later = { (column: String) in
            "\(column) = CASE WHEN EXCLUDED.last_seen >= case_record.last_seen THEN EXCLUDED.\(column) ELSE case_record.\(column) END"
        }
        let state = ["causal_code", "causal", "evidence", "procede", "estado", "area", "observaciones", "form_errors"].map(later)
        let cases = try conn.execute("""
            WITH up AS (
                INSERT INTO case_record (kind, key, first_file_id, source_file, sheet, "row", day, seconds_of_day, first_seen, last_seen,
                    cuenta, asesor, asesor_id, supervisor, causal_code, causal, evidence, procede, estado, area, motivo, observaciones, form_errors)
                SELECT c.kind, c.key, f.new_id, c.source_file, c.sheet, c."row", c.day, c.seconds_of_day, c.first_seen, c.last_seen,
                    c.cuenta, c.asesor, c.asesor_id, c.supervisor, c.causal_code, c.causal, c.evidence, c.procede, c.estado, c.area,
                    c.motivo, c.observaciones, c.form_errors
                FROM x_case c JOIN x_file f ON f.old_id = c.first_file_old
                WHERE f.is_new OR EXISTS (SELECT 1 FROM x_sighting s JOIN x_file sf ON sf.old_id = s.file_old WHERE s.case_old = c.old_id AND sf.is_new)
                ORDER BY c.kind, c.key
                ON CONFLICT (kind, key) DO UPDATE SET
                    first_seen = LEAST(case_record.first_seen, EXCLUDED.first_seen),
                    last_seen = GREATEST(case_record.last_seen, EXCLUDED.last_seen),
                    \(state.joined(separator: ",\n                    ")),
                    asesor_id = COALESCE(CASE WHEN EXCLUDED.last_seen >= case_record.last_seen THEN EXCLUDED.asesor_id END, case_record.asesor_id),
                    supervisor = COALESCE(CASE WHEN EXCLUDED.last_seen >= case_record.last_seen THEN EXCLUDED.supervisor END, case_record.supervisor)
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted) AS added, count(*) AS total FROM up
            """)
        try conn.execute("""
            INSERT INTO sighting (case_id, file_id, sheet, "row")
            SELECT pc.id, f.new_id, s.sheet, s."row" FROM x_sighting s JOIN x_file f ON f.old_id = s.file_old AND f.is_new
            JOIN x_case c ON c.old_id = s.case_old JOIN case_record pc ON pc.kind = c.kind AND pc.key = c.key
            ON CONFLICT DO NOTHING
            """)
        try conn.execute("""
            INSERT INTO decision (case_id, file_id, field, value, decided_at)
            SELECT pc.id, f.new_id, d.field, d.value, d.decided_at FROM x_decision d JOIN x_file f ON f.old_id = d.file_old AND f.is_new
            JOIN x_case c ON c.old_id = d.case_old JOIN case_record pc ON pc.kind = c.kind AND pc.key = c.key
            ORDER BY d.old_id
            """)
        let added = cases.int(0, "added") ?? 0, total = cases.int(0, "total") ?? 0
        return HistoryCopy(filesCopied: inserted, filesAlreadyThere: s.files.count - inserted, newCases: added, updatedCases: total - added)
    }
}
