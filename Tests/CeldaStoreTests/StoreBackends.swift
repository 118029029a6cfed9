import CeldaCore
import CeldaTestSupport
import Foundation
import GRDB
@testable import CeldaStore

/// The backends the shared store suite runs on. A PostgreSQL store is a fresh database on the
/// test server (`CELDA_TEST_PG_URL`, started by scripts/test.sh): no test sees another's rows.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite, postgres
    var description: String { rawValue }

    /// A new empty store, plus a way to run raw SQL on it (to set up what an older Celda left).
    func fresh() throws -> TestStore {
        switch self {
        case .sqlite:
            let path = try Repository.temporaryFolder("celda-store") + "/celda.sqlite"
            return TestStore(location: path, store: try SQLiteStore(path: path), backend: self)
        case .postgres:
            let url = try PostgresTestServer.freshDatabase()
            return TestStore(location: url, store: try PostgresStore(url: url), backend: self)
        }
    }
}

struct TestStore {
    let location: String
    let store: HistoryStore
    let backend: Backend

    /// The same history opened again (a second process, a next run).
    func reopen() throws -> HistoryStore {
        switch backend {
        case .sqlite: return try SQLiteStore(path: location)
        case .postgres: return try PostgresStore(url: location)
        }
    }

    func execute(_ sql: String) throws {
        switch backend {
        case .sqlite: try DatabaseQueue(path: location).write { try $0.execute(sql: sql) }
        case .postgres: try PostgresTestServer.psql(location, sql)
        }
    }

    /// The first column of the first row a query returns, as text ("" when none).
    func text(_ sql: String) throws -> String {
        switch backend {
        case .sqlite: return try DatabaseQueue(path: location).read { try String.fetchOne($0, sql: sql) } ?? ""
        case .postgres: return try PostgresTestServer.psql(location, sql)
        }
    }

    func appliedMigrations() throws -> [String] {
        switch store {
        case let s as SQLiteStore: return try s.appliedMigrations()
        case let s as PostgresStore: return try s.appliedMigrations()
        default: return []
        }
    }
}
