import CeldaCore

/// One column of `case_record`: its name, type and nullability in both stores, where a written
/// value comes from, and what a later row of the same case does to it. `CaseColumns.all` lists
/// them; every statement, COPY line and decoder of a case is derived from that list.
struct CaseColumn: Sendable {
    enum SQLType: Sendable, Equatable {
        /// The store's own key for the row.
        case rowID
        /// A row of `ingested_file`.
        case fileID
        case text
        case integer
        /// A day, AAAA-MM-DD: text in SQLite, `date` in PostgreSQL.
        case date

        /// As SQLite's `PRAGMA table_info` gives the declared type.
        var sqlite: String {
            switch self {
            case .rowID, .fileID, .integer: return "INTEGER"
            case .text, .date: return "TEXT"
            }
        }

        /// As PostgreSQL's `information_schema.columns.data_type` gives it.
        var postgres: String {
            switch self {
            case .rowID, .fileID: return "bigint"
            case .integer: return "integer"
            case .text: return "text"
            case .date: return "date"
            }
        }

        /// What a value must be, for an error about one that is not.
        var valueKind: StoreError.ValueKind {
            switch self {
            case .rowID, .fileID, .integer: return .integer
            case .text: return .text
            case .date: return .date
            }
        }
    }

    /// Where a written value comes from.
    enum Source: Sendable {
        /// Made by the store when the row is inserted (`id`): never written.
        case rowID
        /// The file whose ingest opened the case.
        case ingestedFile
        /// The day the file being ingested was processed as of.
        case processedOn
        /// A `CaseRecord` property.
        case field(CaseField)
    }

    /// What a later row of a case already stored does to this column: a later base, or a later
    /// row of the same base. `celda store export` applies the same rules between the station's
    /// side and the server's, "later" being the side whose `last_seen` is later.
    enum OnLaterRow: Sendable, Equatable {
        /// Where the case was first met stays (its file, row, day, cuenta, advisor).
        case kept
        /// The later row's value (the case's state).
        case replaced
        /// The later row's value when it gives one, else the stored one. An export keeps the
        /// server's when the later side has none.
        case replacedWhenGiven
        /// Taken together with the column named, when the later row gives that one (an answer and
        /// its day). An export takes them from whichever side has one when only one has.
        case takenWith(String)
        /// The earliest day: an ingest never moves it; an export takes the earlier side's.
        case earliest
        /// The latest day: an ingest sets it; an export takes the later side's.
        case latest
    }

    let name: String
    let type: SQLType
    let isNullable: Bool
    /// The column's DEFAULT, as SQL (both stores say it the same way).
    let defaultSQL: String?
    let source: Source
    let onLaterRow: OnLaterRow

    /// The name as an SQL identifier: quoted, so `row` and any later name is safe in both stores.
    var quoted: String { CaseColumns.quoted(name) }

    var field: CaseField? {
        if case .field(let field) = source { return field }
        return nil
    }
}

/// How a column reads and writes its `CaseRecord` property.
struct CaseField: Sendable {
    let read: @Sendable (CaseRecord) -> StoredValue
    /// False when the value is not one of the property's type; the record is then left as it was.
    let write: @Sendable (inout CaseRecord, StoredValue) -> Bool
    /// The property of `from` into `to` (a later row's value merged in memory).
    let copy: @Sendable (inout CaseRecord, CaseRecord) -> Void

    init<V: CaseColumnValue>(_ path: WritableKeyPath<CaseRecord, V> & Sendable) {
        read = { $0[keyPath: path].stored }
        write = { record, stored in
            guard let value = V(stored: stored) else { return false }
            record[keyPath: path] = value
            return true
        }
        copy = { to, from in to[keyPath: path] = from[keyPath: path] }
    }
}

extension CaseColumn {
    /// A column that holds a `CaseRecord` property: its type and nullability are the property's.
    static func field<V: CaseColumnValue>(_ name: String, _ path: WritableKeyPath<CaseRecord, V> & Sendable,
                                          _ onLaterRow: OnLaterRow = .kept, default defaultSQL: String? = nil) -> CaseColumn {
        CaseColumn(name: name, type: V.storedType, isNullable: V.isOptional, defaultSQL: defaultSQL, source: .field(CaseField(path)),
                   onLaterRow: onLaterRow)
    }

    static func rowID(_ name: String) -> CaseColumn {
        CaseColumn(name: name, type: .rowID, isNullable: false, defaultSQL: nil, source: .rowID, onLaterRow: .kept)
    }

    static func ingestedFile(_ name: String) -> CaseColumn {
        CaseColumn(name: name, type: .fileID, isNullable: false, defaultSQL: nil, source: .ingestedFile, onLaterRow: .kept)
    }

    static func processedOn(_ name: String) -> CaseColumn {
        CaseColumn(name: name, type: .date, isNullable: false, defaultSQL: nil, source: .processedOn, onLaterRow: .latest)
    }
}
