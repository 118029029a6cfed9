import CeldaCore
import CeldaTestSupport
import Foundation
import Testing
@testable import CeldaStore

/// A history edited by hand or damaged: a value that is not what its column holds is an error
/// that names the table, the row and the column — never a made-up value, never a row skipped.
struct BadStoredValueTests {
    static let day = HistoryStoreTests.day
    static let until = CalendarDate(year: 2025, month: 1, day: 1)

    /// One value written over a stored case with raw SQL. PostgreSQL's own types refuse most
    /// nonsense; what they let through and no calendar day is (`infinity`, a day BC) is tried there.
    struct Corruption: Sendable, CustomTestStringConvertible {
        var backend: Backend
        var column: String
        var sql: String
        var found: String
        var expected: StoreError.ValueKind
        var testDescription: String { "\(backend) \(column) = \(sql)" }
    }

    static let corruptions: [Corruption] = [
        Corruption(backend: .sqlite, column: "first_seen", sql: "'2024-13-45'", found: "2024-13-45", expected: .date),
        Corruption(backend: .sqlite, column: "day", sql: "'2024-13-45'", found: "2024-13-45", expected: .date),
        Corruption(backend: .sqlite, column: "respuesta_fecha", sql: "'x'", found: "x", expected: .date),
        Corruption(backend: .sqlite, column: "row", sql: "'x'", found: "x", expected: .integer),
        Corruption(backend: .sqlite, column: "seconds_of_day", sql: "1.5", found: "1.5", expected: .integer),
        Corruption(backend: .sqlite, column: "cuenta", sql: "x'ff00'", found: "2 bytes", expected: .text),
        Corruption(backend: .postgres, column: "first_seen", sql: "'infinity'", found: "infinity", expected: .date),
        Corruption(backend: .postgres, column: "respuesta_fecha", sql: "'2024-03-18 BC'", found: "2024-03-18 BC", expected: .date),
    ]

    @Test(arguments: corruptions) func aBadValueIsAnErrorThatNamesTheRow(_ corruption: Corruption) throws {
        let t = try corruption.backend.fresh()
        let cases = (1...3).map { HistoryStoreTests.tipificador(String($0), day: Self.day, row: $0 + 1) }
        _ = try t.store.ingest(HistoryStoreTests.ingestion("base", cases))
        let broken = cases[1].key
        try t.execute("UPDATE case_record SET \(CaseColumns.quoted(corruption.column)) = \(corruption.sql) WHERE key = '\(broken)'")
        let id = try t.text("SELECT CAST(id AS TEXT) FROM case_record WHERE key = '\(broken)'")
        let expected = StoreError.badValue(location: t.location, table: "case_record", rowID: id, column: corruption.column,
                                           expected: corruption.expected, found: corruption.found)

        let store = try t.reopen()
        #expect(throws: expected) { try store.cases(kind: "tipificador", from: Self.day, to: Self.until) }
        var read: [String] = []
        #expect(throws: expected) { try store.forEachCase(kind: "tipificador", from: Self.day, to: Self.until) { read.append($0.key) } }
        #expect(!read.contains(broken), "the bad row is never handed on")
        if ["day", "first_seen"].contains(corruption.column) {
            #expect(throws: expected) { try store.contacts(kind: "tipificador", from: Self.day, to: Self.until) }
        }
        if corruption.column == "first_seen" {
            #expect(throws: expected) { try store.firstSeen(kind: "tipificador", keys: [broken]) }
        }
        // Nothing left half done: the same error again, and the store still takes a file.
        #expect(throws: expected) { try store.cases(kind: "tipificador", from: Self.day, to: Self.until) }
        let later = HistoryStoreTests.tipificador("9", day: Self.day.adding(days: 1))
        #expect(try store.ingest(HistoryStoreTests.ingestion("later", [later], on: Self.day.adding(days: 1))) == .added(newCases: 1, updatedCases: 0))
    }
}
