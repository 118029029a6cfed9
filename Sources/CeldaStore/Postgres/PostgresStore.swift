import CeldaCore
import Foundation

/// The history on a PostgreSQL server, shared by several stations, through libpq: the same
/// interface, schema and results as `SQLiteStore`.
///
/// - One file is one transaction. Its rows travel by `COPY` into a temporary table and reach
///   `case_record` in one `INSERT … ON CONFLICT (kind, key) DO UPDATE`, in key order (two
///   stations upserting the same cases take their row locks in the same order: no deadlock).
///   A streamed file (a large base, `ingest(_:streaming:)`) upserts batch by batch in one
///   transaction: each batch in key order, but two stations streaming overlapping cases can
///   still deadlock; the loser gets 40P01 and its file is refused whole (the watcher retries it).
/// - `ingested_file.sha256` is unique: when two stations ingest the same content at once, the
///   second one's insert waits for the first to commit and fails with 23505; that transaction
///   is rolled back and the winner is read and returned as `.alreadyIngested`.
/// - A connection lost (server stopped or restarted) throws `.unreachable`; the next use opens
///   a new one. A stale connection found broken at the start of an operation is replaced and
///   the operation tried once more, so a restart between two files goes unnoticed.
public final class PostgresStore: HistoryStore {
    /// The URL without its password.
    public let location: String
    private let conninfo: String
    private var connection: PGConnection?

    /// Connects and, unless `migrate` is false, brings the schema up to date.
    public init(url: String, migrate: Bool = true) throws {
        conninfo = url
        location = StoreLocation.redacted(url)
        let conn = try PGConnection(conninfo: url, location: location)
        if migrate { try PostgresSchema.migrate(conn) }
        connection = conn
    }

    /// The migrations applied to this database, in order of their names (empty: no schema yet).
    public func appliedMigrations() throws -> [String] {
        try withConnection { conn in
            let exists = try conn.execute("SELECT to_regclass('celda_migrations') IS NOT NULL AS present")
            guard exists.text(0, "present") == "t" else { return [] }
            return try PostgresSchema.appliedIdentifiers(conn).sorted()
        }
    }

    public func file(sha256: String) throws -> IngestedFile? {
        try withConnection { try Self.fileRow($0, sha256: sha256) }
    }

    public func ingest(_ ingestion: Ingestion) throws -> IngestResult {
        try withConnection { conn in
            // A deadlock or serialization failure lost to another station: tried again at once.
            var attempt = 0
            while true {
                do {
                    return try ingest(ingestion, on: conn) { sink in try sink.add(ingestion.cases, decisions: ingestion.decisions) }
                } catch let e as StoreError {
                    attempt += 1
                    guard case .postgres(_, let state, _) = e, state == "40P01" || state == "40001", attempt < 3 else { throw e }
                }
            }
        }
    }

    public func ingest(_ ingestion: Ingestion, streaming produce: (IngestSink) throws -> Void) throws -> IngestResult {
        // Never tried again once `produce` has begun: its rows went to the output already. A
        // failure then is the file's, which the watcher retries whole.
        var began = false
        var first: Error?
        return try withConnection { conn in
            if began, let first { throw first }
            // A deadlock or serialization failure before any batch: tried again at once.
            var attempt = 0
            while true {
                do {
                    return try ingest(ingestion, on: conn) { sink in
                        began = true
                        try produce(sink)
                    }
                } catch let e as StoreError where !began {
                    attempt += 1
                    guard case .postgres(_, let state, _) = e, state == "40P01" || state == "40001", attempt < 3 else { first = e; throw e }
                } catch {
                    first = error
                    throw error
                }
            }
        }
    }

    private func ingest(_ ingestion: Ingestion, on conn: PGConnection, _ produce: (IngestSink) throws -> Void) throws -> IngestResult {
        try conn.execute("BEGIN")
        do {
            if let before = try Self.fileRow(conn, sha256: ingestion.sha256) {
                try conn.execute("ROLLBACK")
                try produce(PostgresIngest(conn: conn, fileID: nil, day: ""))
                return .alreadyIngested(before)
            }
            let fileID: String
            do {
                let inserted = try conn.execute("""
                    INSERT INTO ingested_file (sha256, name, kind, station, output, "rows", processed_on, ingested_at)
                    VALUES ($1, $2, $3, $4, $5, 0, $6, now()) RETURNING id
                    """, [ingestion.sha256, ingestion.fileName, ingestion.kind, ingestion.station, ingestion.output,
                          ingestion.processedOn.description])
                fileID = inserted.text(0, "id") ?? ""
            } catch StoreError.postgres(_, "23505", _) {
                // Another station committed the same content while this one read: it won.
                try conn.execute("ROLLBACK")
                guard let winner = try Self.fileRow(conn, sha256: ingestion.sha256) else {
                    throw StoreError.postgres(location: location, sqlstate: "23505", message: "ingested_file.sha256 \(ingestion.sha256) duplicated but not found")
                }
                try produce(PostgresIngest(conn: conn, fileID: nil, day: ""))
                return .alreadyIngested(winner)
            }
            let sink = PostgresIngest(conn: conn, fileID: fileID, day: ingestion.processedOn.description)
            try produce(sink)
            try conn.execute("UPDATE ingested_file SET \"rows\" = $1 WHERE id = $2", [String(sink.rows), fileID])
            if let extra = ingestion.kindHistory { try PostgresPremium.ingest(extra, on: conn, fileID: fileID) }
            try conn.execute("COMMIT")
            return .added(newCases: sink.added, updatedCases: sink.rows - sink.added)
        } catch {
            if conn.isUsable { _ = try? conn.execute("ROLLBACK") }
            throw error
        }
    }

    /// A batch's cases, sightings and decisions; returns how many cases were new. The staging
    /// tables are made by the transaction's first batch and emptied for each next one.
    static func upsert(_ cases: [CaseRecord], decisions: [String: [String: String]], fileID: String, day: String, firstBatch: Bool,
                       on conn: PGConnection) throws -> Int {
        // A key met twice in one file is one case: the first row opens it, each later row
        // updates its state — as SQLiteStore does row by row.
        var merged: [String: CaseRecord] = [:]
        var order: [String] = []
        for c in cases {
            let id = c.kind + "\u{1F}" + c.key
            if var m = merged[id] {
                CaseColumns.merge(c, into: &m)
                merged[id] = m
            } else {
                merged[id] = c
                order.append(id)
            }
        }
        guard !order.isEmpty else { return 0 }
        if firstBatch {
            try conn.execute("""
            \(PostgresCaseSQL.incoming);
            CREATE TEMP TABLE incoming_sighting (kind text, key text, sheet text, "row" integer) ON COMMIT DROP;
            CREATE TEMP TABLE incoming_decision (ord integer, kind text, key text, field text, value text) ON COMMIT DROP
            """)
        } else {
            try conn.execute("TRUNCATE incoming_case, incoming_sighting, incoming_decision")
        }
        try conn.copyIn("COPY incoming_case FROM STDIN", lines: order.compactMap { merged[$0] }.map(PostgresCaseSQL.incomingLine))
        let upsert = try conn.execute("""
            WITH up AS (
            \(PostgresCaseSQL.upsertIncoming)
            )
            SELECT count(*) FILTER (WHERE inserted) AS added FROM up
            """, [fileID, day])
        try conn.copyIn("COPY incoming_sighting FROM STDIN", lines: cases.map { PGCopy.line([$0.kind, $0.key, $0.sheet, String($0.row)]) })
        try conn.execute("""
            INSERT INTO sighting (case_id, file_id, sheet, "row")
            SELECT c.id, $1, s.sheet, s."row" FROM incoming_sighting s JOIN case_record c ON c.kind = s.kind AND c.key = s.key
            ON CONFLICT DO NOTHING
            """, [fileID])
        if !decisions.isEmpty {
            var lines: [String] = []
            for c in cases {
                for (field, value) in (decisions[c.key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    lines.append(PGCopy.line([String(lines.count), c.kind, c.key, field, value]))
                }
            }
            if !lines.isEmpty {
                try conn.copyIn("COPY incoming_decision FROM STDIN", lines: lines)
                try conn.execute("""
                    INSERT INTO decision (case_id, file_id, field, value, decided_at)
                    SELECT c.id, $1, d.field, d.value, now() FROM incoming_decision d JOIN case_record c ON c.kind = d.kind AND c.key = d.key
                    ORDER BY d.ord
                    """, [fileID])
            }
        }
        return upsert.int(0, "added") ?? 0
    }

    public func firstSeen(kind: String, keys: Set<String>) throws -> [String: CalendarDate] {
        guard !keys.isEmpty else { return [:] }
        return try withConnection { conn in try Self.firstSeen(conn, kind: kind, keys: keys) }
    }

    static func firstSeen(_ conn: PGConnection, kind: String, keys: Set<String>) throws -> [String: CalendarDate] {
        let columns = CaseColumns.named(["key", "first_seen"])
        let result = try conn.execute("SELECT \(PostgresCaseSQL.selectList(columns)) FROM case_record WHERE kind = $1 AND key = ANY($2::text[])",
                                      [kind, arrayLiteral(keys.sorted())])
        var out: [String: CalendarDate] = [:]
        for i in 0..<result.count {
            let c = try PostgresCaseSQL.decode(result, i, columns, location: conn.location)
            out[c.key] = c.firstSeen
        }
        return out
    }

    /// Ordered as SQLite orders them: NULL times first, file names by their bytes.
    /// Through a server-side cursor in a read-only REPEATABLE READ transaction: pages of
    /// `pageRows` rows, one page in memory at a time, all from one snapshot.
    public func forEachCase(kind: String, from first: CalendarDate, to last: CalendarDate, _ body: (CaseRecord) throws -> Void) throws {
        try withConnection { conn in
            try conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                try conn.execute("""
                    DECLARE period_cases NO SCROLL CURSOR FOR
                    SELECT \(PostgresCaseSQL.selectList()) FROM case_record WHERE kind = $1 AND COALESCE(day, first_seen) BETWEEN $2 AND $3
                    ORDER BY COALESCE(day, first_seen), seconds_of_day NULLS FIRST, source_file COLLATE "C", "row"
                    """, [kind, first.description, last.description])
                while true {
                    let page = try conn.execute("FETCH \(Self.pageRows) FROM period_cases")
                    for i in 0..<page.count { try body(PostgresCaseSQL.decode(page, i, location: location)) }
                    if page.count < Self.pageRows { break }
                }
                try conn.execute("COMMIT")
            } catch {
                if conn.isUsable { _ = try? conn.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Rows fetched from a cursor at a time: a few MiB of text, few round trips.
    static let pageRows = 5_000

    public func contacts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [(key: String, contact: Recurrence.Contact)] {
        try withConnection { conn in
            let columns = CaseColumns.named(["key", "cuenta", "day", "first_seen", "causal_code"])
            let result = try conn.execute("""
                SELECT \(PostgresCaseSQL.selectList(columns)) FROM case_record
                WHERE kind = $1 AND cuenta IS NOT NULL AND COALESCE(day, first_seen) BETWEEN $2 AND $3
                """, [kind, first.description, last.description])
            return try (0..<result.count).compactMap { i in
                let c = try PostgresCaseSQL.decode(result, i, columns, location: location)
                guard let cuenta = c.cuenta else { return nil }
                return (c.key, Recurrence.Contact(cuenta: cuenta, day: c.day, causalCode: c.causalCode))
            }
        }
    }

    public func nameCounts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> NameCounts {
        try withConnection { conn in
            var out = NameCounts()
            for (column, path) in [("asesor", \NameCounts.asesores), ("supervisor", \NameCounts.supervisors)] {
                let r = try conn.execute("""
                    SELECT \(column) AS name, count(*) AS n FROM case_record
                    WHERE kind = $1 AND COALESCE(day, first_seen) BETWEEN $2 AND $3 GROUP BY \(column)
                    """, [kind, first.description, last.description])
                var total = 0
                for i in 0..<r.count {
                    total += r.int(i, "n") ?? 0
                    if let name = r.text(i, "name") { out[keyPath: path][name] = r.int(i, "n") ?? 0 }
                }
                out.rows = total
            }
            return out
        }
    }

    public func latestProcessedOn(kind: String) throws -> CalendarDate? {
        try withConnection { conn in
            try conn.execute("SELECT max(processed_on)::text AS last FROM ingested_file WHERE kind = $1", [kind])
                .text(0, "last").flatMap(CalendarDate.init(iso:))
        }
    }

    public func status() throws -> StoreStatus {
        try withConnection { conn in
            let present = try conn.execute("SELECT to_regclass('celda_migrations') IS NOT NULL AS present").text(0, "present") == "t"
            guard present else { return StoreStatus(migrations: [], files: 0, cases: 0, sightings: 0, decisions: 0, stations: []) }
            let counts = try conn.execute("""
                SELECT (SELECT count(*) FROM ingested_file) AS files, (SELECT count(*) FROM case_record) AS cases,
                (SELECT count(*) FROM sighting) AS sightings, (SELECT count(*) FROM decision) AS decisions
                """)
            let stations = try conn.execute("""
                SELECT station, count(*) AS n, max(processed_on)::text AS last FROM ingested_file GROUP BY station ORDER BY station COLLATE "C"
                """)
            return StoreStatus(migrations: try PostgresSchema.appliedIdentifiers(conn).sorted(), files: counts.int(0, "files") ?? 0,
                               cases: counts.int(0, "cases") ?? 0, sightings: counts.int(0, "sightings") ?? 0,
                               decisions: counts.int(0, "decisions") ?? 0,
                               stations: (0..<stations.count).map { i in
                                   StoreStatus.Station(name: stations.text(i, "station") ?? "", files: stations.int(i, "n") ?? 0,
                                                       lastProcessedOn: stations.text(i, "last") ?? "")
                               })
        }
    }

    // MARK: Connection

    /// Runs `body` on an idle connection, opening one when there is none or it broke. A body
    /// never leaves a transaction open (each `BEGIN` has its `COMMIT` or `ROLLBACK`).
    func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        var retried = false
        while true {
            let conn: PGConnection
            let reused: Bool
            if let existing = connection, existing.isUsable, existing.isIdle {
                conn = existing
                reused = true
            } else {
                connection = nil
                conn = try PGConnection(conninfo: conninfo, location: location)
                connection = conn
                reused = false
            }
            do {
                return try body(conn)
            } catch let error as StoreError {
                guard case .unreachable = error else { throw error }
                connection = nil
                // A connection kept from before a server restart fails on first use: once more
                // on a new one. A new connection that fails means the server is really away.
                if reused && !retried { retried = true; continue }
                throw error
            }
        }
    }

    // MARK: Rows

    static func fileRow(_ conn: PGConnection, sha256: String) throws -> IngestedFile? {
        let r = try conn.execute("SELECT name, station, output, processed_on::text AS processed_on, \"rows\" FROM ingested_file WHERE sha256 = $1", [sha256])
        guard r.count > 0 else { return nil }
        return IngestedFile(name: r.text(0, "name") ?? "", station: r.text(0, "station") ?? "", output: r.text(0, "output"),
                            processedOn: r.text(0, "processed_on") ?? "", rows: r.int(0, "rows") ?? 0)
    }

    /// `{"a","b\"c"}`: a text[] parameter, every element quoted.
    static func arrayLiteral(_ values: [String]) -> String {
        "{" + values.map { v in
            "\"" + v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
}

/// One file's ingest under way, inside its transaction: each batch copied in and merged as it
/// comes. A nil `fileID` (the file was ingested before) stores nothing.
final class PostgresIngest: IngestSink {
    let conn: PGConnection
    let fileID: String?
    let day: String
    private(set) var rows = 0, added = 0

    init(conn: PGConnection, fileID: String?, day: String) {
        self.conn = conn
        self.fileID = fileID
        self.day = day
    }

    func firstSeen(kind: String, keys: Set<String>) throws -> [String: CalendarDate] {
        keys.isEmpty ? [:] : try PostgresStore.firstSeen(conn, kind: kind, keys: keys)
    }

    func add(_ cases: [CaseRecord], decisions: [String: [String: String]]) throws {
        guard let fileID, !cases.isEmpty else { return }
        added += try PostgresStore.upsert(cases, decisions: decisions, fileID: fileID, day: day, firstBatch: rows == 0, on: conn)
        rows += cases.count
    }

    func add(_ history: KindHistory) throws {
        guard let fileID else { return }
        try PostgresPremium.ingest(history, on: conn, fileID: fileID)
    }
}
