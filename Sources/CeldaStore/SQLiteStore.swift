import CeldaCore
import Foundation
import GRDB

/// The history in one SQLite file, through GRDB: WAL so readers never block the writer, a
/// busy timeout so two Celdas on one PC wait for each other instead of failing, versioned
/// migrations applied on open.
public final class SQLiteStore: HistoryStore {
    public let location: String
    let queue: DatabaseQueue

    /// How long a write waits for another process holding the database.
    public static let busyTimeout: TimeInterval = 10

    public init(path: String, busyTimeout: TimeInterval = SQLiteStore.busyTimeout) throws {
        location = path
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            let migrator = Schema.migrator
            try queue.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    let known = Set(migrator.migrations)
                    throw StoreError.newerVersion(path: path, unknownMigrations: try migrator.appliedIdentifiers(db).subtracting(known).sorted())
                }
            }
            try migrator.migrate(queue)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// The migrations applied to this database, in order.
    public func appliedMigrations() throws -> [String] {
        try guarded { try queue.read { try Schema.migrator.appliedIdentifiers($0).sorted() } }
    }

    public func file(sha256: String) throws -> IngestedFile? {
        try guarded {
            try queue.read { db in
                try Row.fetchOne(db, sql: "SELECT name, station, output, processed_on, rows FROM ingested_file WHERE sha256 = ?", arguments: [sha256])
                    .map { IngestedFile(name: $0["name"], station: $0["station"], output: $0["output"], processedOn: $0["processed_on"], rows: $0["rows"]) }
            }
        }
    }

    public func ingest(_ ingestion: Ingestion) throws -> IngestResult {
        try ingest(ingestion) { sink in try sink.add(ingestion.cases, decisions: ingestion.decisions) }
    }

    /// The write transaction lasts as long as `produce` (a large base's whole second pass):
    /// another process writing the same file meanwhile waits `busyTimeout`, then is told the
    /// history is busy.
    public func ingest(_ ingestion: Ingestion, streaming produce: (IngestSink) throws -> Void) throws -> IngestResult {
        try guarded {
            try queue.write { db in
                if let before = try Row.fetchOne(db, sql: "SELECT name, station, output, processed_on, rows FROM ingested_file WHERE sha256 = ?", arguments: [ingestion.sha256]) {
                    try produce(SQLiteIngest(db: db, fileID: nil, day: ingestion.processedOn.description, location: location))
                    return .alreadyIngested(IngestedFile(name: before["name"], station: before["station"], output: before["output"], processedOn: before["processed_on"], rows: before["rows"]))
                }
                let day = ingestion.processedOn.description
                try db.execute(sql: """
                    INSERT INTO ingested_file (sha256, name, kind, station, output, rows, processed_on, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [ingestion.sha256, ingestion.fileName, ingestion.kind, ingestion.station, ingestion.output, 0, day, Date()])
                let fileID = db.lastInsertedRowID
                let sink = SQLiteIngest(db: db, fileID: fileID, day: day, location: location)
                try produce(sink)
                try db.execute(sql: "UPDATE ingested_file SET rows = ? WHERE id = ?", arguments: [sink.rows, fileID])
                if let extra = ingestion.kindHistory { try PremiumTables.ingest(extra, db: db, fileID: fileID) }
                return .added(newCases: sink.added, updatedCases: sink.updated)
            }
        }
    }

    public func firstSeen(kind: String, keys: Set<String>) throws -> [String: CalendarDate] {
        guard !keys.isEmpty else { return [:] }
        return try guarded { try queue.read { db in try Self.firstSeen(db, kind: kind, keys: keys, location: location) } }
    }

    static func firstSeen(_ db: Database, kind: String, keys: Set<String>, location: String) throws -> [String: CalendarDate] {
        let columns = CaseColumns.named(["key", "first_seen"])
        var out: [String: CalendarDate] = [:]
        // In slices: SQLite limits the number of bound values in one statement.
        let all = Array(keys)
        for start in stride(from: 0, to: all.count, by: 500) {
            let slice = Array(all[start..<min(all.count, start + 500)])
            let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: "SELECT id, key, first_seen FROM case_record WHERE kind = ? AND key IN (\(marks))",
                                        arguments: StatementArguments([kind] + slice))
            for row in rows {
                let c = try SQLiteCaseSQL.decode(row, columns, location: location)
                out[c.key] = c.firstSeen
            }
        }
        return out
    }

    /// Through a GRDB cursor inside one read transaction: one row in memory at a time, from a
    /// snapshot (WAL) that a station writing meanwhile does not change.
    public func forEachCase(kind: String, from first: CalendarDate, to last: CalendarDate, _ body: (CaseRecord) throws -> Void) throws {
        try guarded {
            try queue.read { db in
                let rows = try Row.fetchCursor(db, sql: Self.periodCasesSQL, arguments: [kind, first.description, last.description])
                while let row = try rows.next() { try body(SQLiteCaseSQL.decode(row, location: location)) }
            }
        }
    }

    /// The expression and order the index `case_by_kind_period` (v4) holds.
    static let periodCasesSQL = """
        SELECT * FROM case_record WHERE kind = ? AND COALESCE(day, first_seen) BETWEEN ? AND ?
        ORDER BY COALESCE(day, first_seen), seconds_of_day, source_file, "row"
        """

    public func contacts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [(key: String, contact: Recurrence.Contact)] {
        try guarded {
            try queue.read { db in
                let columns = CaseColumns.named(["key", "cuenta", "day", "first_seen", "causal_code"])
                return try Row.fetchAll(db, sql: """
                    SELECT id, key, cuenta, day, first_seen, causal_code FROM case_record
                    WHERE kind = ? AND cuenta IS NOT NULL AND COALESCE(day, first_seen) BETWEEN ? AND ?
                    """, arguments: [kind, first.description, last.description]).compactMap { row in
                    let c = try SQLiteCaseSQL.decode(row, columns, location: location)
                    guard let cuenta = c.cuenta else { return nil }
                    return (c.key, Recurrence.Contact(cuenta: cuenta, day: c.day, causalCode: c.causalCode))
                }
            }
        }
    }

    public func nameCounts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> NameCounts {
        try guarded {
            try queue.read { db in
                var out = NameCounts()
                for (column, path) in [("asesor", \NameCounts.asesores), ("supervisor", \NameCounts.supervisors)] {
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT \(column) AS name, count(*) AS n FROM case_record
                        WHERE kind = ? AND COALESCE(day, first_seen) BETWEEN ? AND ? GROUP BY \(column)
                        """, arguments: [kind, first.description, last.description])
                    var total = 0
                    for row in rows {
                        total += row["n"] as Int
                        if let name = row["name"] as String? { out[keyPath: path][name] = row["n"] }
                    }
                    out.rows = total
                }
                return out
            }
        }
    }

    public func latestProcessedOn(kind: String) throws -> CalendarDate? {
        try guarded {
            try queue.read { db in
                try String.fetchOne(db, sql: "SELECT max(processed_on) FROM ingested_file WHERE kind = ?", arguments: [kind]).flatMap(CalendarDate.init(iso:))
            }
        }
    }

    public func status() throws -> StoreStatus {
        try guarded {
            try queue.read { db in
                let count = { (table: String) in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
                let stations = try Row.fetchAll(db, sql: "SELECT station, count(*) AS n, max(processed_on) AS last FROM ingested_file GROUP BY station ORDER BY station")
                    .map { StoreStatus.Station(name: $0["station"], files: $0["n"], lastProcessedOn: $0["last"]) }
                return StoreStatus(migrations: try Schema.migrator.appliedIdentifiers(db).sorted(), files: try count("ingested_file"),
                                   cases: try count("case_record"), sightings: try count("sighting"), decisions: try count("decision"),
                                   stations: stations)
            }
        }
    }

    /// Every row of every table, as text (NULL as nil), for `celda store export`.
    func snapshot() throws -> HistorySnapshot {
        try guarded {
            try queue.read { db in
                func rows(_ sql: String) throws -> [[String?]] {
                    try Row.fetchAll(db, sql: sql).map { row in (0..<row.count).map { row[$0] as String? } }
                }
                return HistorySnapshot(
                    files: try rows("""
                        SELECT CAST(id AS TEXT), sha256, name, kind, station, output, CAST("rows" AS TEXT), processed_on, CAST(ingested_at AS TEXT)
                        FROM ingested_file ORDER BY id
                        """),
                    cases: try rows(SQLiteCaseSQL.snapshot),
                    sightings: try rows("SELECT CAST(case_id AS TEXT), CAST(file_id AS TEXT), sheet, CAST(\"row\" AS TEXT) FROM sighting"),
                    decisions: try rows("""
                        SELECT CAST(id AS TEXT), CAST(case_id AS TEXT), CAST(file_id AS TEXT), field, value, CAST(decided_at AS TEXT) FROM decision ORDER BY id
                        """),
                    premiumCases: try rows("""
                        SELECT caso, cuenta, cliente, segmento, tipo, subtipo, origen, asesor_front, backoffice, ingreso_day,
                        CAST(ingreso_seconds AS TEXT), seguimiento_day, estado, cierre_day, CAST(cierre_seconds AS TEXT), CAST(spc AS TEXT), escalado_a,
                        source_file, CAST("row" AS TEXT), CAST(file_id AS TEXT), CAST(as_of AS TEXT), as_of_text, CAST(first_as_of AS TEXT) FROM premium_case
                        """),
                    premiumStates: try rows("""
                        SELECT caso, estado_key, estado, CAST(first_as_of AS TEXT), first_text, CAST(last_as_of AS TEXT), last_text FROM premium_state
                        """),
                    premiumSurveys: try rows("""
                        SELECT key, CAST(file_id AS TEXT), source_file, CAST("row" AS TEXT), fecha_day, CAST(fecha_seconds AS TEXT), caso, cuenta,
                        backoffice, CAST(score AS TEXT) FROM premium_survey
                        """),
                    kindFacts: try rows(KindFactTables.snapshot))
            }
        }
    }

    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw Self.translate(error, path: location) }
    }

    static func translate(_ error: Error, path: String) -> Error {
        guard let e = error as? DatabaseError else { return error }
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.locked(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return StoreError.corrupt(path: path, message: e.message ?? "")
        default: return StoreError.sqlite(path: path, code: e.resultCode.rawValue, message: e.message ?? "")
        }
    }
}

/// One file's ingest under way, inside its write transaction: each batch's cases, sightings and
/// decisions as they come. A nil `fileID` (the file was ingested before) stores nothing.
final class SQLiteIngest: IngestSink {
    let db: Database
    let fileID: Int64?
    let day: String
    let location: String
    private(set) var rows = 0, added = 0, updated = 0

    init(db: Database, fileID: Int64?, day: String, location: String) {
        self.db = db
        self.fileID = fileID
        self.day = day
        self.location = location
    }

    func firstSeen(kind: String, keys: Set<String>) throws -> [String: CalendarDate] {
        keys.isEmpty ? [:] : try SQLiteStore.firstSeen(db, kind: kind, keys: keys, location: location)
    }

    func add(_ cases: [CaseRecord], decisions: [String: [String: String]]) throws {
        guard let fileID else { return }
        rows += cases.count
        // Statements compiled once per transaction, not once per row (half the ingest time).
        for c in cases {
            let caseID: Int64
            let values = SQLiteCaseSQL.arguments(c, fileID: fileID, day: day)
            if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM case_record WHERE kind = ? AND key = ?"), arguments: [c.kind, c.key]) {
                // The same case in a later base (or later in this one): its latest state, never a
                // second case (`CaseColumn.OnLaterRow` says what each column does).
                try db.cachedStatement(sql: SQLiteCaseSQL.update).execute(arguments: StatementArguments(values + [existing.databaseValue]))
                caseID = existing
                updated += 1
            } else {
                try db.cachedStatement(sql: SQLiteCaseSQL.insert).execute(arguments: StatementArguments(values))
                caseID = db.lastInsertedRowID
                added += 1
            }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO sighting (case_id, file_id, sheet, row) VALUES (?, ?, ?, ?)")
                .execute(arguments: [caseID, fileID, c.sheet, c.row])
            for (field, value) in (decisions[c.key] ?? [:]).sorted(by: { $0.key < $1.key }) {
                try db.cachedStatement(sql: "INSERT INTO decision (case_id, file_id, field, value, decided_at) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [caseID, fileID, field, value, Date()])
            }
        }
    }

    func add(_ history: KindHistory) throws {
        guard let fileID else { return }
        try PremiumTables.ingest(history, db: db, fileID: fileID)
    }
}
