import CeldaCore
import Foundation
import GRDB

/// `case_record` on SQLite: the statements and the decoder, derived from `CaseColumns`.
enum SQLiteCaseSQL {
    /// A written column's parameter: `?N`, N its place in `CaseColumns.written`. Numbered, so one
    /// argument list (`arguments`) serves the INSERT and the UPDATE, which name a value twice.
    private static func parameter(_ column: CaseColumn) -> String {
        "?\((CaseColumns.written.firstIndex { $0.name == column.name } ?? 0) + 1)"
    }

    /// A case met for the first time.
    static let insert = """
        INSERT INTO \(CaseColumns.table) (\(CaseColumns.written.map(\.quoted).joined(separator: ", ")))
        VALUES (\(CaseColumns.written.map(parameter).joined(separator: ", ")))
        """

    /// A stored case met again: its row is the parameter after the written columns'.
    static let update = """
        UPDATE \(CaseColumns.table) SET \(CaseColumns.ingestAssignments(new: parameter, old: \.quoted).joined(separator: ", "))
        WHERE \(CaseColumns.quoted(CaseColumns.id)) = ?\(CaseColumns.written.count + 1)
        """

    /// The arguments of `insert`; of `update`, followed by the stored case's id.
    static func arguments(_ c: CaseRecord, fileID: Int64, day: String) -> [DatabaseValue] {
        CaseColumns.written.map { column in
            switch column.source {
            case .rowID: return .null
            case .ingestedFile: return fileID.databaseValue
            case .processedOn: return day.databaseValue
            case .field(let field): return field.read(c).databaseValue
            }
        }
    }

    /// Every column as text, in table order, for `celda store export`.
    static let snapshot = """
        SELECT \(CaseColumns.all.map { $0.type.sqlite == "INTEGER" ? "CAST(\($0.quoted) AS TEXT)" : $0.quoted }.joined(separator: ", "))
        FROM \(CaseColumns.table) ORDER BY \(CaseColumns.quoted(CaseColumns.id))
        """

    /// A case from a row that holds `columns` (and its id): `SELECT *` for a whole case.
    static func decode(_ row: Row, _ columns: [CaseColumn] = CaseColumns.fields, location: String) throws -> CaseRecord {
        try CaseColumns.decode(columns, location: location) { column in StoredValue(row[column.name] as DatabaseValue?) }
    }
}

extension StoredValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null, .unreadable: return .null   // no writer makes `unreadable`: it is only read
        case .text(let s): return s.databaseValue
        case .integer(let n): return n.databaseValue
        }
    }

    /// What a SQLite file holds, whatever the column's declared type (a hand-edited file may hold
    /// text in a number column): a real number becomes text for the column's type to refuse or
    /// accept; bytes are text when they are UTF-8, as GRDB reads them.
    init(_ value: DatabaseValue?) {
        switch value?.storage {
        case .none, .null?: self = .null
        case .int64(let n)?: self = Int(exactly: n).map(StoredValue.integer) ?? .text(String(n))
        case .double(let d)?: self = .text(String(d))
        case .string(let s)?: self = .text(s)
        case .blob(let data)?: self = String(data: data, encoding: .utf8).map(StoredValue.text) ?? .unreadable("\(data.count) bytes")
        }
    }
}
