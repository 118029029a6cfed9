import CeldaCore
import GRDB

/// Any kind's own facts in the store (migration "v6 kind facts", `KindFact`): one row per
/// kind and key — the latest file's fact of a key replaces an earlier one — with its day,
/// where it came from, and its values as JSON. A period's facts are read by kind and day.
enum KindFactTables {
    static func create(_ db: Database) throws {
        try db.create(table: "kind_fact") { t in
            t.column("kind", .text).notNull()
            t.column("key", .text).notNull()
            t.column("day", .text).notNull()            // AAAA-MM-DD
            t.column("file_id", .integer).notNull().references("ingested_file")
            t.column("source_file", .text).notNull()
            t.column("row", .integer).notNull()
            t.column("data", .text).notNull()           // FactValue.json
            t.primaryKey(["kind", "key"])
        }
        try db.create(index: "kind_fact_by_day", on: "kind_fact", columns: ["kind", "day"])
    }

    static func ingest(_ facts: [KindFact], db: Database, fileID: Int64) throws {
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO kind_fact (kind, key, day, file_id, source_file, row, data) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (kind, key) DO UPDATE SET day = excluded.day, file_id = excluded.file_id, source_file = excluded.source_file,
                row = excluded.row, data = excluded.data
            """)
        for f in facts {
            try upsert.execute(arguments: [f.kind, f.key, f.day.description, fileID, f.sourceFile, f.row, FactValue.json(f.values)])
        }
    }

    static func facts(_ db: Database, kind: String, from first: CalendarDate, to last: CalendarDate, location: String) throws -> [KindFact] {
        try Row.fetchAll(db, sql: """
            SELECT key, day, source_file, row, data FROM kind_fact WHERE kind = ? AND day BETWEEN ? AND ? ORDER BY day, source_file, row, key
            """, arguments: [kind, first.description, last.description]).map { r in
            try fact(kind: kind, key: r["key"], day: r["day"], sourceFile: r["source_file"], row: r["row"], data: r["data"], location: location)
        }
    }

    /// A stored fact, or the error naming what of it cannot be read.
    static func fact(kind: String, key: String, day: String, sourceFile: String, row: Int, data: String, location: String) throws -> KindFact {
        guard let date = CalendarDate(iso: String(day.prefix(10))) else {
            throw StoreError.badValue(location: location, table: "kind_fact", rowID: key, column: "day", expected: .date, found: day)
        }
        guard let values = FactValue.values(json: data) else {
            throw StoreError.badValue(location: location, table: "kind_fact", rowID: key, column: "data", expected: .text, found: String(data.prefix(80)))
        }
        return KindFact(kind: kind, key: key, day: date, values: values, sourceFile: sourceFile, row: row)
    }

    /// Every fact as text, column for column (the PostgreSQL export).
    static let snapshot = """
        SELECT kind, key, day, CAST(file_id AS TEXT), source_file, CAST("row" AS TEXT), data FROM kind_fact ORDER BY kind, key
        """
}

extension SQLiteStore {
    public func facts(kind: String, from first: CalendarDate, to last: CalendarDate) throws -> [KindFact] {
        let location = self.location
        return try guarded { try queue.read { try KindFactTables.facts($0, kind: kind, from: first, to: last, location: location) } }
    }
}
