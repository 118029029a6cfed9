import Foundation

/// The PostgreSQL server the tests use. `bash scripts/test.sh` starts a throwaway one
/// (`scripts/pg_test_server.sh`) and sets `CELDA_TEST_PG_URL`; a test that needs PostgreSQL and
/// finds no URL fails saying so — it never passes by skipping. Each test gets a database of its
/// own (`freshDatabase()`), so tests run in parallel without seeing each other's rows.
public enum PostgresTestServer {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "CELDA_TEST_PG_URL is not set: these tests need a PostgreSQL server. Run `bash scripts/test.sh` (it starts a throwaway "
                + "one), or `eval \"$(bash scripts/pg_test_server.sh start)\"` before `swift test`."
        }
    }

    public struct CommandFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// The server's URL (its `postgres` maintenance database).
    public static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["CELDA_TEST_PG_URL"], !url.isEmpty else { throw NotConfigured() }
        return url
    }

    /// A new empty database on the test server; its URL.
    public static func freshDatabase(_ prefix: String = "celda") throws -> String {
        let server = try url()
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        try psql(server, "CREATE DATABASE \(name)")
        return withDatabase(server, name)
    }

    /// `url` with its database replaced by `name`.
    public static func withDatabase(_ url: String, _ name: String) -> String {
        guard var parts = URLComponents(string: url) else { return url }
        parts.path = "/" + name
        return parts.string ?? url
    }

    /// Runs SQL through `psql` (stops at the first error); returns what it printed, unaligned.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        try run("/usr/bin/env", ["psql", url, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        // Output through files, not pipes: a server started by the script inherits its
        // descriptors, and a pipe would stay open (and a read wait) as long as the server runs.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("celda-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let errors = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw CommandFailed(description: "\(arguments.prefix(2).joined(separator: " ")) failed: \(errors)")
        }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A server of a test's own (`scripts/pg_test_server.sh`), for tests that stop and start it:
/// the shared server must stay up for the tests running beside them. Removed when released.
public final class PrivatePostgresServer: @unchecked Sendable {
    public let url: String
    let folder: String
    static var script: String { Repository.root.appendingPathComponent("scripts/pg_test_server.sh").path }

    public init() throws {
        let text = try PostgresTestServer.run("/bin/bash", [Self.script, "start"])
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.replacingOccurrences(of: "export ", with: "").split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let url = values["CELDA_TEST_PG_URL"], let folder = values["CELDA_TEST_PG_DIR"] else {
            throw PostgresTestServer.CommandFailed(description: "pg_test_server.sh start said: \(text)")
        }
        self.url = url
        self.folder = folder
    }

    /// Stops the server (fast shutdown: open connections are closed), keeping its data.
    public func halt() throws { try PostgresTestServer.run("/bin/bash", [Self.script, "halt", folder]) }
    /// Starts it again on the same port.
    public func resume() throws { try PostgresTestServer.run("/bin/bash", [Self.script, "resume", folder]) }

    deinit { _ = try? PostgresTestServer.run("/bin/bash", [Self.script, "stop", folder]) }
}
