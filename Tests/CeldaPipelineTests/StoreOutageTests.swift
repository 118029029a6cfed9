import CeldaCore
import CeldaPipeline
import CeldaStore
import CeldaTestSupport
import Foundation
import Testing

/// The shared history's server goes away while the watcher works: a file is not at fault, so it
/// waits in entrada/ (never errores/), with no gestionado and none of its rows stored; the
/// watcher says so once, tries again with a growing wait, and carries on when the server is back.
/// On a PostgreSQL server of the test's own (scripts/pg_test_server.sh): it is stopped here.
@Suite(.serialized)
struct StoreOutageTests {
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [WatchEvent] = []
        func add(_ e: WatchEvent) { lock.lock(); items.append(e); lock.unlock() }
        var all: [WatchEvent] { lock.lock(); defer { lock.unlock() }; return items }
        var outages: Int { all.filter { if case .storeUnavailable = $0 { return true } else { return false } }.count }
        var processed: Int { all.filter { if case .processed = $0 { return true } else { return false } }.count }
    }

    private func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    @Test func aFileMetWhileTheServerIsDownWaitsAndIsDoneWhenItIsBack() throws {
        let server = try PrivatePostgresServer()
        let store = try PostgresStore(url: server.url)
        let root = try Repository.temporaryFolder("celda-outage")
        let events = Events(), stop = StopRequest()
        let day = CalendarDate(year: 2024, month: 3, day: 22)
        let watcher = try FolderWatcher(root: root, templates: try templates(), interval: 0.1, language: .es, stop: stop,
                                        today: { day }, store: store, report: events.add)
        watcher.longestRetrySeconds = 0.8
        var generator = SampleGenerator(seed: 11)
        let sample = try generator.write(into: try Repository.temporaryFolder("celda-sample"), rows: 8)[0]

        try server.halt()
        try FileManager.default.copyItem(atPath: sample, toPath: root + "/entrada/Base 11.xlsx")
        final class Outcome: @unchecked Sendable { var error: Error?; let done = DispatchSemaphore(value: 0) }
        let outcome = Outcome()
        let owned = Owned(watcher)
        Thread {
            do { _ = try owned.value.run(once: false) } catch { outcome.error = error }
            outcome.done.signal()
        }.start()
        defer { stop.request(); _ = outcome.done.wait(timeout: .now() + 30) }

        #expect(waitFor(20) { events.outages == 1 }, "\(events.all)")
        // Several tries while it is down (the journal has one line per try), still said once.
        #expect(try waitFor(10) { try logLines(root).filter { $0.contains("historial no disponible") }.count >= 3 })
        #expect(events.outages == 1 && events.processed == 0, "\(events.all)")
        #expect(try Repository.names(root + "/errores").isEmpty, "the file is not at fault")
        #expect(try Repository.names(root + "/salida").filter { $0.contains("gestionado") }.isEmpty, "no output without its rows stored")
        guard case .storeUnavailable("Base 11.xlsx", let reason, let keptAt, _)? = events.all.first else { Issue.record("\(events.all)"); return }
        #expect(reason.contains("no se pudo conectar con el historial") && keptAt == root + "/entrada/Base 11.xlsx", "\(reason)")

        try server.resume()
        #expect(waitFor(30) { events.processed == 1 }, "\(events.all)")
        stop.request()
        #expect(outcome.done.wait(timeout: .now() + 30) == .success)
        #expect(outcome.error == nil)
        #expect(events.all.contains(.storeBack))
        #expect(events.outages == 1)
        #expect(try Repository.names(root + "/procesados") == ["Base 11.xlsx"])
        #expect(try Repository.names(root + "/entrada").isEmpty && Repository.names(root + "/errores").isEmpty)
        #expect(try store.cases(kind: "mal-escalados", from: day, to: day).count == 8)
    }

    private func logLines(_ root: String) throws -> [String] {
        let text = (try? String(contentsOfFile: root + "/.celda/log.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }
}

/// Hands an object to one other thread.
final class Owned<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
