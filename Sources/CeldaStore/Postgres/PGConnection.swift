import CPostgres
import Foundation

/// One libpq connection (`PGconn`), owned by exactly one object: `deinit` only releases it.
/// Synchronous like the rest of the store. Every failed call becomes a `StoreError` carrying
/// the server's SQLSTATE and message — or `.unreachable` when the connection itself is gone —
/// and never the connection string (it may hold a password).
final class PGConnection {
    private let handle: OpaquePointer
    /// The URL without its password, for errors.
    let location: String

    /// `conninfo` is a `postgres://` URL or key=value string, given to libpq untouched.
    init(conninfo: String, location: String) throws {
        self.location = location
        guard let conn = PQconnectdb(conninfo) else { throw StoreError.unreachable(location: location, message: "libpq: out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(conn))
            PQfinish(conn)
            throw StoreError.unreachable(location: location, message: message)
        }
        handle = conn
        // Server notices ("relation already exists, skipping") are not the user's business:
        // libpq would print them on stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        // Text goes both ways as UTF-8; dates as ISO whatever the server's defaults; times in UTC.
        guard PQsetClientEncoding(handle, "UTF8") == 0 else {
            throw StoreError.postgres(location: location, sqlstate: "22021", message: Self.trimmed(PQerrorMessage(handle)))
        }
        try execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'")
    }

    deinit { PQfinish(handle) }

    /// False once the server closed the connection or it broke; a new one must be made.
    var isUsable: Bool { PQstatus(handle) == CONNECTION_OK }

    /// True inside a transaction block (or a failed one): a connection is only reused when idle.
    var isIdle: Bool { PQtransactionStatus(handle) == PQTRANS_IDLE }

    /// One statement with `$1…` parameters sent apart from the SQL (never spliced into it), or
    /// several statements without parameters. Values travel as text; nil is NULL.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws -> PGResult {
        let result: OpaquePointer?
        if parameters.isEmpty {
            result = PQexec(handle, sql)
        } else {
            let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup(Self.textSafe($0)) } }
            defer { copies.forEach { free($0) } }
            let values: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
            guard let count = Int32(exactly: values.count) else {
                throw StoreError.postgres(location: location, sqlstate: "54023", message: "too many parameters: \(values.count)")
            }
            result = PQexecParams(handle, sql, count, nil, values, nil, nil, 0)
        }
        return try check(result)
    }

    /// `COPY … FROM STDIN` in text format: `lines` are already escaped (`PGCopy`), one per row,
    /// each ending in a newline; sent in pieces of about a megabyte.
    func copyIn(_ sql: String, lines: [String]) throws {
        let start = try check(PQexec(handle, sql), expecting: PGRES_COPY_IN)
        _ = start
        var buffer = [UInt8]()
        buffer.reserveCapacity(1 << 20)
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let sent = buffer.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { PQputCopyData(handle, $0, Int32(bytes.count)) }
            }
            buffer.removeAll(keepingCapacity: true)
            guard sent == 1 else { throw failure(nil) }
        }
        for line in lines {
            buffer.append(contentsOf: line.utf8)
            if buffer.count >= 1 << 20 { try flush() }
        }
        try flush()
        guard PQputCopyEnd(handle, nil) == 1 else { throw failure(nil) }
        // The COPY's own result, then nil.
        var firstError: Error?
        while let result = PQgetResult(handle) {
            do { _ = try check(result) } catch { if firstError == nil { firstError = error } }
        }
        if let firstError { throw firstError }
    }

    /// The result if it succeeded (as `expecting`, or any success), else the error it carries.
    private func check(_ result: OpaquePointer?, expecting: ExecStatusType? = nil) throws -> PGResult {
        guard let result else { throw failure(nil) }
        let status = PQresultStatus(result)
        if let expecting {
            if status == expecting { return PGResult(result) }
        } else if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY {
            return PGResult(result)
        }
        defer { PQclear(result) }
        throw failure(result)
    }

    /// The error of a failed call: the server's SQLSTATE and message, or `.unreachable` when the
    /// connection is gone (a server that was stopped or restarted says 57P01 and closes it).
    private func failure(_ result: OpaquePointer?) -> StoreError {
        let state = result.flatMap { PQresultErrorField($0, celda_pg_diag_sqlstate()) }.map { String(cString: $0) } ?? ""
        let message = result.flatMap { PQresultErrorField($0, celda_pg_diag_message_primary()) }.map { Self.oneLine(String(cString: $0)) }
            ?? Self.trimmed(PQerrorMessage(handle))
        if !isUsable || state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03" {
            return .unreachable(location: location, message: message.isEmpty ? Self.trimmed(PQerrorMessage(handle)) : message)
        }
        return .postgres(location: location, sqlstate: state.isEmpty ? "XX000" : state, message: message)
    }

    /// PostgreSQL text cannot hold NUL: a NUL from a CSV becomes U+FFFD instead of cutting the value.
    static func textSafe(_ s: String) -> String {
        s.utf8.contains(0) ? s.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : s
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        message.map { oneLine(String(cString: $0)) } ?? ""
    }

    /// libpq's messages run over several lines ("…failed: Connection refused\n\tIs the server
    /// running…"): errors are one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// One `PGresult`, cleared when released. Values in text format.
final class PGResult {
    private let handle: OpaquePointer
    init(_ handle: OpaquePointer) { self.handle = handle }
    deinit { PQclear(handle) }

    var count: Int { Int(PQntuples(handle)) }

    /// The value of `column` (by name) in `row`, nil when NULL or no such column.
    func text(_ row: Int, _ column: String) -> String? {
        let c = PQfnumber(handle, column)
        guard c >= 0, let r = Int32(exactly: row), PQgetisnull(handle, r, c) == 0, let value = PQgetvalue(handle, r, c) else { return nil }
        return String(cString: value)
    }

    func int(_ row: Int, _ column: String) -> Int? { text(row, column).flatMap { Int($0) } }

    /// Rows affected by an INSERT/UPDATE/DELETE.
    var affected: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }
}

/// `COPY … FROM STDIN` text format: tab-separated, `\N` for NULL, backslash escapes.
enum PGCopy {
    static func line(_ fields: [String?]) -> String {
        var out = ""
        for (i, field) in fields.enumerated() {
            if i > 0 { out += "\t" }
            guard let field else { out += "\\N"; continue }
            out += escaped(field)
        }
        return out + "\n"
    }

    static func escaped(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0 }) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
