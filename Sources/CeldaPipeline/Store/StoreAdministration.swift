import CeldaStore
import Foundation

/// `celda store migrate|status|export`: the history itself rather than what is in it.
public enum StoreAdministration {
    /// Creates the schema or brings it up to date; where, and the migrations it now has.
    public static func migrate(_ location: String) throws -> (location: String, status: StoreStatus) {
        let store = try StoreOpening.open(location)
        return (store.location, try store.status())
    }

    /// What the history holds. Looking changes nothing: a PostgreSQL database is not migrated
    /// (no migrations: no Celda schema there yet), and a SQLite file must already exist.
    public static func status(_ location: String) throws -> (location: String, status: StoreStatus) {
        let store: HistoryStore = StoreLocation.isPostgres(location) ? try PostgresStore(url: location, migrate: false)
                                                                     : try StoreOpening.openExisting(location)
        return (store.location, try store.status())
    }

    /// Copies a station's SQLite history into the PostgreSQL database (migrated first).
    public static func export(sqlite: String, to location: String) throws -> (location: String, copied: HistoryCopy) {
        guard FileManager.default.fileExists(atPath: sqlite) else { throw PipelineError.storeNotFound(path: sqlite) }
        let source = try SQLiteStore(path: sqlite)
        let server = try PostgresStore(url: location)
        return (server.location, try server.copyHistory(from: source))
    }
}
