/// Why the history store cannot be used, with SQLite's code and message when it says one.
public enum StoreError: Error, Equatable, Sendable {
    /// Another program holds the database (SQLITE_BUSY past the wait).
    case locked(path: String)
    /// The file is not a database or is damaged (SQLITE_NOTADB, SQLITE_CORRUPT).
    case corrupt(path: String, message: String)
    /// Written by a newer Celda: migrations this version does not know.
    case newerVersion(path: String, unknownMigrations: [String])
    /// Any other SQLite failure: the code and SQLite's own message.
    case sqlite(path: String, code: Int32, message: String)
}
