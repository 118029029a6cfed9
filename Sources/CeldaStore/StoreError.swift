/// Why the history store cannot be used, with the database's own code and message when it says one.
public enum StoreError: Error, Equatable, Sendable {
    /// Another program holds the database (SQLITE_BUSY past the wait).
    case locked(path: String)
    /// The file is not a database or is damaged (SQLITE_NOTADB, SQLITE_CORRUPT).
    case corrupt(path: String, message: String)
    /// Written by a newer Celda: migrations this version does not know.
    case newerVersion(path: String, unknownMigrations: [String])
    /// Any other SQLite failure: the code and SQLite's own message.
    case sqlite(path: String, code: Int32, message: String)
    /// The PostgreSQL server cannot be reached, or the connection was lost mid-use (down,
    /// restarting, network): a passing fault — nothing of the operation was kept. `location` is
    /// the URL without its password; `message` is libpq's.
    case unreachable(location: String, message: String)
    /// The PostgreSQL server refused a statement: its SQLSTATE and its message.
    case postgres(location: String, sqlstate: String, message: String)
    /// A stored value that is not what its column holds — a day that is not a date, text in a
    /// number column, nothing where a value is required — found while reading: the table, the
    /// row's id and the column, what the value must be and what is there (nil: nothing). Reading
    /// stops there rather than make up a value; someone edited the history by hand, or it is damaged.
    case badValue(location: String, table: String, rowID: String, column: String, expected: ValueKind, found: String?)

    /// What a stored value must be.
    public enum ValueKind: String, Equatable, Sendable {
        case text, integer, date
    }

    /// A fault that goes away by itself (the server back up, a deadlock lost): the same work,
    /// tried again later, can succeed. The file being processed is not at fault.
    public var isTransient: Bool {
        switch self {
        case .locked, .unreachable: return true
        case .postgres(_, let state, _):
            // 08: connection exception; 57P0x: the server shutting down or starting up;
            // 53300: too many connections; 40001/40P01: serialization failure, deadlock.
            return state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300" || state == "40001" || state == "40P01"
        case .corrupt, .newerVersion, .sqlite, .badValue: return false
        }
    }
}
