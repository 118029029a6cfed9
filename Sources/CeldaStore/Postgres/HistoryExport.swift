import Foundation

/// A SQLite history's tables as text, column for column, for copying into PostgreSQL.
struct HistorySnapshot {
    var files: [[String?]]
    var cases: [[String?]]
    var sightings: [[String?]]
    var decisions: [[String?]]
    var premiumCases: [[String?]] = []
    var premiumStates: [[String?]] = []
    var premiumSurveys: [[String?]] = []
    var kindFacts: [[String?]] = []
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
    /// Claro Premium rows by the same rules as ingesting: the later export's state, each
    /// estado's earliest and latest moment, a survey answer once (all idempotent).
    private func copyPremium(_ s: HistorySnapshot, on conn: PGConnection) throws {
        guard !(s.premiumCases.isEmpty && s.premiumStates.isEmpty && s.premiumSurveys.isEmpty) else { return }
        try conn.execute("""
            CREATE TEMP TABLE x_premium_case (caso text, cuenta text, cliente text, segmento text, tipo text, subtipo text, origen text,
                asesor_front text, backoffice text, ingreso_day date, ingreso_seconds integer, seguimiento_day date, estado text,
                cierre_day date, cierre_seconds integer, spc integer, escalado_a text, source_file text, "row" integer, file_old bigint,
                as_of bigint, as_of_text text, first_as_of bigint) ON COMMIT DROP;
            CREATE TEMP TABLE x_premium_state (LIKE premium_state) ON COMMIT DROP;
            CREATE TEMP TABLE x_premium_survey (key text, file_old bigint, source_file text, "row" integer, fecha_day date, fecha_seconds integer,
                caso text, cuenta text, backoffice text, score integer) ON COMMIT DROP
            """)
        try conn.copyIn("COPY x_premium_case FROM STDIN", lines: s.premiumCases.map(PGCopy.line))
        try conn.copyIn("COPY x_premium_state FROM STDIN", lines: s.premiumStates.map(PGCopy.line))
        try conn.copyIn("COPY x_premium_survey FROM STDIN", lines: s.premiumSurveys.map(PGCopy.line))
        let columns = ["cuenta", "cliente", "segmento", "tipo", "subtipo", "origen", "asesor_front", "backoffice", "ingreso_day", "ingreso_seconds",
                       "seguimiento_day", "estado", "cierre_day", "cierre_seconds", "spc", "escalado_a", "source_file", "\"row\"", "as_of", "as_of_text"]
        try conn.execute("""
            INSERT INTO premium_case (caso, \(columns.joined(separator: ", ")), file_id, first_as_of)
            SELECT p.caso, \(columns.map { "p." + $0 }.joined(separator: ", ")), f.new_id, p.first_as_of
            FROM x_premium_case p JOIN x_file f ON f.old_id = p.file_old ORDER BY p.caso
            ON CONFLICT (caso) DO UPDATE SET \(columns.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")), file_id = EXCLUDED.file_id,
                first_as_of = LEAST(premium_case.first_as_of, EXCLUDED.first_as_of)
            WHERE EXCLUDED.as_of >= premium_case.as_of
            """)
        try conn.execute("""
            INSERT INTO premium_state SELECT * FROM x_premium_state ORDER BY caso, estado_key
            ON CONFLICT (caso, estado_key) DO UPDATE SET
                first_text = CASE WHEN EXCLUDED.first_as_of < premium_state.first_as_of THEN EXCLUDED.first_text ELSE premium_state.first_text END,
                first_as_of = LEAST(premium_state.first_as_of, EXCLUDED.first_as_of),
                last_text = CASE WHEN EXCLUDED.last_as_of > premium_state.last_as_of THEN EXCLUDED.last_text ELSE premium_state.last_text END,
                last_as_of = GREATEST(premium_state.last_as_of, EXCLUDED.last_as_of)
            """)
        try conn.execute("""
            INSERT INTO premium_survey (key, file_id, source_file, "row", fecha_day, fecha_seconds, caso, cuenta, backoffice, score)
            SELECT v.key, f.new_id, v.source_file, v."row", v.fecha_day, v.fecha_seconds, v.caso, v.cuenta, v.backoffice, v.score
            FROM x_premium_survey v JOIN x_file f ON f.old_id = v.file_old ON CONFLICT (key) DO NOTHING
            """)
    }

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
        // x_case holds a station's case_record as it is, its ids the station's own.
        try conn.execute("""
            \(PostgresCaseSQL.stagingTable("x_case", CaseColumns.all));
            CREATE TEMP TABLE x_sighting (case_old bigint, file_old bigint, sheet text, "row" integer) ON COMMIT DROP;
            CREATE TEMP TABLE x_decision (old_id bigint, case_old bigint, file_old bigint, field text, value text, decided_at timestamptz) ON COMMIT DROP
            """)
        try conn.copyIn("COPY x_case FROM STDIN", lines: s.cases.map(PGCopy.line))
        try conn.copyIn("COPY x_sighting FROM STDIN", lines: s.sightings.map(PGCopy.line))
        try conn.copyIn("COPY x_decision FROM STDIN", lines: s.decisions.map(PGCopy.line))
        // Each column merged by its `CaseColumn.OnLaterRow`: the state of whichever side saw the
        // case last, its first day the earliest of both.
        let id = CaseColumns.quoted(CaseColumns.id), firstFile = CaseColumns.quoted(CaseColumns.firstFileID)
        let selected = CaseColumns.written.map { $0.type == .fileID ? "f.new_id" : "c.\($0.quoted)" }
        let merged = CaseColumns.exportAssignments(new: { "EXCLUDED.\($0.quoted)" }, old: { "case_record.\($0.quoted)" })
        let cases = try conn.execute("""
            WITH up AS (
                INSERT INTO case_record (\(CaseColumns.written.map(\.quoted).joined(separator: ", ")))
                SELECT \(selected.joined(separator: ", "))
                FROM x_case c JOIN x_file f ON f.old_id = c.\(firstFile)
                WHERE f.is_new OR EXISTS (SELECT 1 FROM x_sighting s JOIN x_file sf ON sf.old_id = s.file_old WHERE s.case_old = c.\(id) AND sf.is_new)
                ORDER BY c.kind, c.key
                ON CONFLICT (kind, key) DO UPDATE SET
                    \(merged.joined(separator: ",\n        "))
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted) AS added, count(*) AS total FROM up
            """)
        try conn.execute("""
            INSERT INTO sighting (case_id, file_id, sheet, "row")
            SELECT pc.id, f.new_id, s.sheet, s."row" FROM x_sighting s JOIN x_file f ON f.old_id = s.file_old AND f.is_new
            JOIN x_case c ON c.\(id) = s.case_old JOIN case_record pc ON pc.kind = c.kind AND pc.key = c.key
            ON CONFLICT DO NOTHING
            """)
        try conn.execute("""
            INSERT INTO decision (case_id, file_id, field, value, decided_at)
            SELECT pc.id, f.new_id, d.field, d.value, d.decided_at FROM x_decision d JOIN x_file f ON f.old_id = d.file_old AND f.is_new
            JOIN x_case c ON c.\(id) = d.case_old JOIN case_record pc ON pc.kind = c.kind AND pc.key = c.key
            ORDER BY d.old_id
            """)
        try copyPremium(s, on: conn)
        try PostgresFacts.copy(s.kindFacts, on: conn)
        let added = cases.int(0, "added") ?? 0, total = cases.int(0, "total") ?? 0
        return HistoryCopy(filesCopied: inserted, filesAlreadyThere: s.files.count - inserted, newCases: added, updatedCases: total - added)
    }
}
