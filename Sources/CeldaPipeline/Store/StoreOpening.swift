import CeldaStore
import Foundation

/// Which history store a command uses: `--store`, else `CELDA_STORE`, else none.
public enum StoreOpening {
    public static func location(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["CELDA_STORE"], !env.isEmpty { return env }
        return nil
    }

    /// Opens the store at `location`: a `postgres://` URL connects to the server and brings its
    /// schema up to date; a path opens (creating the file and its folder when missing) SQLite.
    public static func open(_ location: String) throws -> HistoryStore {
        if StoreLocation.isPostgres(location) { return try PostgresStore(url: location) }
        let folder = (location as NSString).deletingLastPathComponent
        try OutputFolder.prepare(folder.isEmpty ? "." : folder)
        return try SQLiteStore(path: location)
    }

    /// The store `--store` or CELDA_STORE names, which must already hold a history (reports and
    /// compromisos read it).
    public static func openExisting(explicit: String?) throws -> HistoryStore {
        guard let location = location(explicit: explicit) else { throw PipelineError.noStore }
        return try openExisting(location)
    }

    /// Opens a store that must already hold a history.
    public static func openExisting(_ location: String) throws -> HistoryStore {
        let isURL = location.contains("://")
        if !isURL, !FileManager.default.fileExists(atPath: location) { throw PipelineError.storeNotFound(path: location) }
        return try open(location)
    }
}
