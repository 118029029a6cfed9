import CeldaCore
import CeldaPipeline
import CeldaStore
import CeldaTestSupport
import Foundation
import Testing

/// `retencion_meses` in Templates/workflow.yaml (issue 27): the watcher purges the history older
/// than that once a day, says so on its lines and in .celda/log.jsonl, and not again that day.
@Suite(.serialized)
struct WatchRetentionTests {
    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [WatchEvent] = []
        var day = CalendarDate(year: 2024, month: 3, day: 22)
        func add(_ e: WatchEvent) { lock.lock(); items.append(e); lock.unlock() }
        var all: [WatchEvent] { lock.lock(); defer { lock.unlock() }; return items }
    }

    @Test func theWatcherPurgesOnceADayWhatIsOlderThanTheRetention() throws {
        var t = try templates()
        t.workflow.retencion_meses = 1
        let root = try Repository.temporaryFolder("celda-watch-retention")
        let box = Box()
        let watcher = try FolderWatcher(root: root, templates: t, interval: 0.1, language: .es, stop: StopRequest(), today: { box.day }, report: box.add)
        var generator = SampleGenerator(seed: 7)
        let made = try generator.write(into: try Repository.temporaryFolder("celda-sample"), rows: 25)[0]
        try FileManager.default.copyItem(atPath: made, toPath: root + "/entrada/Base 22-03.xlsx")
        _ = try watcher.run(once: true)
        let store = watcher.store
        let year = (CalendarDate(year: 2024, month: 1, day: 1), CalendarDate(year: 2024, month: 12, day: 31))
        #expect(try store.cases(kind: "mal-escalados", from: year.0, to: year.1).count == 25)
        let first = box.all.compactMap { e -> String? in if case .retentionApplied(_, let before, let summary) = e { return before + " " + summary } else { return nil } }
        #expect(first.count == 1 && first[0].hasPrefix("2024-02-22 0 casos"), "the first day purges what is older than a month: nothing yet: \(first)")

        // Two months later: March's cases are past the retention.
        box.day = CalendarDate(year: 2024, month: 5, day: 23)
        _ = try watcher.run(once: true)
        let applied = box.all.compactMap { e -> String? in if case .retentionApplied(_, let before, let summary) = e { return before + " " + summary } else { return nil } }
        #expect(applied.count == 2 && applied[1].hasPrefix("2024-04-23 25 casos (25 avistamientos") == true, "\(applied)")
        #expect(try store.cases(kind: "mal-escalados", from: year.0, to: year.1).isEmpty)
        let log = try String(contentsOfFile: root + "/.celda/log.jsonl", encoding: .utf8)
        #expect(log.contains("retención de 1 meses: se borró del historial lo anterior al 2024-04-23"), "\(log)")
        // Later the same day: not again.
        _ = try watcher.run(once: true)
        #expect(box.all.filter { if case .retentionApplied = $0 { return true } else { return false } }.count == applied.count)
    }
}
