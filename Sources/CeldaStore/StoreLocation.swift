import Foundation

/// Where a store lives: a SQLite file path, or a PostgreSQL URL (`postgres://…`,
/// `postgresql://…`) handed to libpq as it is — libpq reads the user, password, host, port,
/// database and `sslmode` from it, and falls back to `PGPASSWORD` and `~/.pgpass`.
public enum StoreLocation {
    public static func isPostgres(_ location: String) -> Bool {
        let lower = location.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// The URL as it may be shown: the password (in the authority or as `password=` in the
    /// query) replaced by `***`. Messages, logs and `store status` only ever show this.
    public static func redacted(_ location: String) -> String {
        guard isPostgres(location), let schemeEnd = location.range(of: "://") else { return location }
        let scheme = location[..<schemeEnd.upperBound]
        var rest = String(location[schemeEnd.upperBound...])
        // user:password@host — the last '@' of the authority ends the user info.
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") {
            let userInfo = rest[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                rest.replaceSubrange(colon..<at, with: ":***")
            }
        }
        if let q = rest.firstIndex(of: "?") {
            let query = rest[rest.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
                part.lowercased().hasPrefix("password=") ? "password=***" : String(part)
            }
            rest = String(rest[...q]) + query.joined(separator: "&")
        }
        return scheme + rest
    }
}
