import CeldaCore
import CeldaTestSupport
import Foundation
import GRDB
import Testing
@testable import CeldaStore

/// The two stores' schemas are kept in step by hand (`Schema`, `PostgresSchema`), and
/// `case_record` by `CaseColumns` besides: a fresh store of each kind, after every migration,
/// must have the same tables with the same columns (compatible types, the same nullability and
/// defaults), and its `case_record` exactly the table's list. A column added to one schema only,
/// or to the table without a migration, fails here.
struct SchemaParityTests {
    /// A column as a store describes it.
    struct Described: Equatable, CustomStringConvertible {
        var name: String
        /// As the store says it: SQLite's declared type, PostgreSQL's `data_type`.
        var type: String
        var isNullable: Bool
        /// The DEFAULT as SQL, PostgreSQL's trailing cast left out (`''::text` is `''`).
        var defaultSQL: String?
        var description: String { "\(name) \(type)\(isNullable ? "" : " NOT NULL")\(defaultSQL.map { " DEFAULT \($0)" } ?? "")" }
    }

    typealias Tables = [String: [Described]]

    static func sqliteTables(_ path: String) throws -> Tables {
        try DatabaseQueue(path: path).read { db in
            var out: Tables = [:]
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                """)
            for table in names {
                let rows = try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid",
                                            arguments: [table])
                let keyColumns = rows.filter { ($0["pk"] as Int? ?? 0) > 0 }.count
                out[table] = rows.map { row in
                    let type = row["type"] as String? ?? ""
                    // An INTEGER PRIMARY KEY is the rowid: never NULL, though PRAGMA says notnull 0.
                    let isRowID = keyColumns == 1 && (row["pk"] as Int? ?? 0) == 1 && type == "INTEGER"
                    return Described(name: row["name"] as String? ?? "", type: type,
                                     isNullable: (row["notnull"] as Int? ?? 0) == 0 && !isRowID, defaultSQL: row["dflt_value"])
                }
            }
            return out
        }
    }

    static func postgresTables(_ url: String) throws -> Tables {
        let conn = try PGConnection(conninfo: url, location: url)
        let r = try conn.execute("""
            SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default
            FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'celda_migrations'
            ORDER BY c.table_name, c.ordinal_position
            """)
        var out: Tables = [:]
        for i in 0..<r.count {
            let defaultSQL = r.text(i, "column_default").map { d in d.range(of: "::", options: .backwards).map { String(d[..<$0.lowerBound]) } ?? d }
            out[r.text(i, "table_name") ?? "", default: []].append(
                Described(name: r.text(i, "column_name") ?? "", type: r.text(i, "data_type") ?? "", isNullable: r.text(i, "is_nullable") == "YES",
                          defaultSQL: defaultSQL))
        }
        return out
    }

    /// PostgreSQL's types for a SQLite declared type: days are text in SQLite, keys bigint or integer.
    static let compatible: [String: Set<String>] = [
        "INTEGER": ["integer", "bigint"],
        "TEXT": ["text", "date"],
        "DATETIME": ["timestamp with time zone"],
    ]

    /// How the two stores differ, one line a difference (empty: alike).
    static func differences(sqlite: Tables, postgres: Tables) -> [String] {
        var out: [String] = []
        for table in Set(sqlite.keys).symmetricDifference(postgres.keys).sorted() {
            out.append("table \(table) only in \(sqlite[table] == nil ? "PostgreSQL" : "SQLite")")
        }
        for table in Set(sqlite.keys).intersection(postgres.keys).sorted() {
            let a = sqlite[table] ?? [], b = postgres[table] ?? []
            for name in Set(a.map(\.name)).symmetricDifference(b.map(\.name)).sorted() {
                out.append("\(table).\(name) only in \(a.contains { $0.name == name } ? "SQLite" : "PostgreSQL")")
            }
            let common = Set(a.map(\.name)).intersection(b.map(\.name))
            if a.map(\.name).filter(common.contains) != b.map(\.name).filter(common.contains) {
                out.append("\(table): columns in another order (SQLite \(a.map(\.name)), PostgreSQL \(b.map(\.name)))")
            }
            for x in a {
                guard let y = b.first(where: { $0.name == x.name }) else { continue }
                if !(compatible[x.type] ?? []).contains(y.type) || x.isNullable != y.isNullable || x.defaultSQL != y.defaultSQL {
                    out.append("\(table).\(x.name): SQLite \(x), PostgreSQL \(y)")
                }
            }
        }
        return out
    }

    /// `case_record` as `CaseColumns` has it, in each store's words.
    static func expectedCaseRecord(_ backend: Backend) -> [Described] {
        CaseColumns.all.map { c in
            Described(name: c.name, type: backend == .sqlite ? c.type.sqlite : c.type.postgres, isNullable: c.isNullable, defaultSQL: c.defaultSQL)
        }
    }

    static func tables(_ t: TestStore) throws -> Tables {
        switch t.backend {
        case .sqlite: return try sqliteTables(t.location)
        case .postgres: return try postgresTables(t.location)
        }
    }

    @Test func bothStoresHaveTheSameTablesAndColumns() throws {
        let sqlite = try Self.tables(try Backend.sqlite.fresh()), postgres = try Self.tables(try Backend.postgres.fresh())
        #expect(Set(sqlite.keys) == ["ingested_file", "case_record", "sighting", "decision", "premium_case", "premium_state", "premium_survey", "kind_fact", "mail_message", "mail_file", "mail_sent"])
        let differences = Self.differences(sqlite: sqlite, postgres: postgres)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test(arguments: Backend.allCases) func caseRecordHasTheColumnTablesColumns(_ backend: Backend) throws {
        let stored = try Self.tables(try backend.fresh())["case_record"] ?? []
        #expect(stored == Self.expectedCaseRecord(backend))
    }

    /// The checks above do fail: a column added to one store only, or made NOT NULL in one only.
    @Test func aColumnInOneStoreOnlyIsFound() throws {
        let sqlite = try Backend.sqlite.fresh(), postgres = try Backend.postgres.fresh()
        try sqlite.execute("ALTER TABLE decision ADD COLUMN nota TEXT")
        try postgres.execute("ALTER TABLE case_record ADD COLUMN extra text; ALTER TABLE ingested_file ALTER COLUMN output SET NOT NULL")
        let found = Self.differences(sqlite: try Self.tables(sqlite), postgres: try Self.tables(postgres))
        #expect(found == ["case_record.extra only in PostgreSQL", "decision.nota only in SQLite",
                          "ingested_file.output: SQLite output TEXT, PostgreSQL output text NOT NULL"])
        #expect(try Self.tables(postgres)["case_record"] != Self.expectedCaseRecord(.postgres))
    }

    /// Each stored property of a case has its column: a property added to `CaseRecord` without an
    /// entry in `CaseColumns` would be left blank by the decoders.
    @Test func everyCaseRecordPropertyHasAColumn() {
        let properties = Mirror(reflecting: HistoryExportTests.everyField("k")).children.compactMap(\.label)
        #expect(properties.count == CaseColumns.fields.count, "\(properties)")
    }

    /// A column taken with another names one the table has.
    @Test func aColumnTakenWithAnotherNamesOneOfTheTable() {
        for column in CaseColumns.all {
            if case .takenWith(let lead) = column.onLaterRow {
                #expect(CaseColumns.all.contains { $0.name == lead }, "\(column.name) is taken with \(lead)")
            }
        }
        #expect(Set(CaseColumns.all.map(\.name)).count == CaseColumns.all.count, "no column twice")
    }
}
