import CeldaCore
import CeldaPipeline
import CeldaTestSupport
import Foundation
import Testing

/// `celda watch` writes the compromisos of the week that just ended on the first batch of a new
/// week, once: later batches of that week leave the supervisor's copy alone.
@Suite(.serialized)
struct WatchCompromisosTests {
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var day = CalendarDate(year: 2024, month: 3, day: 22)
        var today: CalendarDate { lock.lock(); defer { lock.unlock() }; return day }
        func set(_ d: CalendarDate) { lock.lock(); day = d; lock.unlock() }
    }

    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [WatchEvent] = []
        func add(_ e: WatchEvent) { lock.lock(); items.append(e); lock.unlock() }
        var all: [WatchEvent] { lock.lock(); defer { lock.unlock() }; return items }
    }

    private func drop(seed: UInt64, into root: String, as name: String) throws {
        var generator = SampleGenerator(seed: seed)
        let made = try generator.write(into: try Repository.temporaryFolder("celda-sample"), rows: 30)[0]
        try FileManager.default.copyItem(atPath: made, toPath: root + "/entrada/" + name)
    }

    private func compromisos(_ root: String) throws -> [String] {
        try Repository.names(root + "/salida").filter { $0.hasPrefix("Compromisos de mejoramiento") }
    }

    @Test func theFirstBatchOfAWeekWritesTheWeekBeforesCompromisosOnce() throws {
        let root = try Repository.temporaryFolder("celda-watch-compromisos")
        let clock = Clock(), events = Events()
        let w = try FolderWatcher(root: root, templates: try templates(), interval: 0.1, language: .es, stop: StopRequest(),
                                  today: { clock.today }, report: events.add)
        // Friday 22/03/2024: the samples' own day. The week before holds nothing.
        try drop(seed: 1, into: root, as: "Base 22-03.xlsx")
        _ = try w.run(once: true)
        #expect(try compromisos(root).isEmpty)

        // Tuesday of the next week: the first batch writes the week of 18–24 March.
        clock.set(CalendarDate(year: 2024, month: 3, day: 26))
        try drop(seed: 2, into: root, as: "Base 26-03.xlsx")
        _ = try w.run(once: true)
        #expect(try compromisos(root) == ["Compromisos de mejoramiento semana 2024-03-18 a 2024-03-24.xlsx"])
        let written = events.all.compactMap { e -> Int? in if case .compromisosWritten(_, _, let n) = e { return n } else { return nil } }
        #expect(written.count == 1 && written[0] > 0, "\(events.all)")

        // A supervisor takes the file away; a later batch of the same week does not write it again.
        try FileManager.default.removeItem(atPath: root + "/salida/" + (try compromisos(root))[0])
        try drop(seed: 3, into: root, as: "Base 27-03.xlsx")
        _ = try w.run(once: true)
        #expect(try compromisos(root).isEmpty)
        #expect(events.all.filter { if case .compromisosWritten = $0 { return true } else { return false } }.count == 1)
    }
}
