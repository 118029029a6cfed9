import CeldaCore
import CeldaPipeline
import CeldaTestSupport
import Foundation
import Testing

/// The states a crash can leave, set up by hand, and what the next start makes of them
/// (DOMAIN.md §5: nothing lost, nothing counted twice).
@Suite(.serialized)
struct WatchRecoveryTests {
    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [WatchEvent] = []
        func add(_ e: WatchEvent) { lock.lock(); items.append(e); lock.unlock() }
        var all: [WatchEvent] { lock.lock(); defer { lock.unlock() }; return items }
    }

    private func watcher(_ root: String, events: Events, stop: StopRequest = StopRequest(), interval: Double = 0.1) throws -> FolderWatcher {
        try FolderWatcher(root: root, templates: try templates(), interval: interval, language: .es, stop: stop,
                          today: { CalendarDate(year: 2024, month: 3, day: 22) }, report: events.add)
    }

    /// The gestionados in salida/ (the day's reports are there too).
    private func gestionados(_ root: String) throws -> [String] {
        try Repository.names(root + "/salida").filter { $0.contains(" - gestionado") }
    }

    private func sample(seed: UInt64, rows: Int = 8) throws -> String {
        var generator = SampleGenerator(seed: seed)
        return try generator.write(into: try Repository.temporaryFolder("celda-sample"), rows: rows)[0]
    }

    @Test func aLeftoverTemporaryOutputIsRemovedAndNeverUsed() throws {
        let root = try Repository.temporaryFolder("celda-recover")
        let events = Events()
        let w = try watcher(root, events: events)
        try Data("medio libro".utf8).write(to: URL(fileURLWithPath: root + "/salida/.Base - gestionado.xlsx.tmp"))
        try Data("de la persona".utf8).write(to: URL(fileURLWithPath: root + "/salida/notas.txt"))
        try w.recover()
        #expect(try Repository.names(root + "/salida") == ["notas.txt"], "only the unfinished temp file goes")
        #expect(events.all.isEmpty)
    }

    @Test func aFileLeftInProcesandoWithNoOutputIsDoneAgain() throws {
        let root = try Repository.temporaryFolder("celda-recover")
        let events = Events()
        let w = try watcher(root, events: events)
        try FileManager.default.copyItem(atPath: try sample(seed: 5), toPath: root + "/procesando/Base 5.xlsx")
        try w.recover()
        #expect(events.all == [.resumed(file: "Base 5.xlsx")])
        #expect(try Repository.names(root + "/entrada") == ["Base 5.xlsx"])
        #expect(try Repository.names(root + "/procesando").isEmpty)
        let result = try w.run(once: true)
        #expect(result.handled == 1 && result.failed == 0)
        #expect(try gestionados(root) == ["Base 5 - gestionado.xlsx"])
        #expect(try Repository.names(root + "/procesados") == ["Base 5.xlsx"])
    }

    /// The crash came after the gestionado was written (so after its rows were stored) and
    /// before the original was moved: it is recognised by the hash in the output's metadata, not
    /// processed twice, and the same content dropped again is a duplicate.
    @Test func aFileWhoseOutputIsWrittenIsNotDoneTwice() throws {
        let root = try Repository.temporaryFolder("celda-recover")
        let events = Events()
        let w = try watcher(root, events: events)
        let working = root + "/procesando/Base 6.xlsx"
        try FileManager.default.copyItem(atPath: try sample(seed: 6), toPath: working)
        var processor = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: .es, outFolder: root + "/salida")
        processor.store = w.store
        _ = try processor.process(working)
        try w.recover()
        guard case .alreadyDone("Base 6.xlsx", let original)? = events.all.first else { Issue.record("\(events.all)"); return }
        #expect(original == root + "/procesados/Base 6.xlsx")
        #expect(try gestionados(root) == ["Base 6 - gestionado.xlsx"])
        #expect(try Repository.names(root + "/procesando").isEmpty)
        try FileManager.default.copyItem(atPath: original, toPath: root + "/entrada/Base 6 otra vez.xlsx")
        _ = try w.run(once: true)
        guard case .duplicate(file: "Base 6 otra vez.xlsx", sameAs: "Base 6.xlsx", _, _, _)? = events.all.last else { Issue.record("\(events.all)"); return }
        #expect(try gestionados(root) == ["Base 6 - gestionado.xlsx"])
    }

    /// The crash came after the rows were stored and before the output was renamed into place:
    /// the file is done again, its output written once, its rows still stored once.
    @Test func aFileStoredButWithoutOutputIsDoneAgainAndCountedOnce() throws {
        let root = try Repository.temporaryFolder("celda-recover")
        let events = Events()
        let w = try watcher(root, events: events)
        let working = root + "/procesando/Base 8.xlsx"
        try FileManager.default.copyItem(atPath: try sample(seed: 8), toPath: working)
        var processor = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: .es, outFolder: root + "/salida")
        processor.store = w.store
        let first = try processor.process(working)
        try FileManager.default.removeItem(atPath: first.output) // as if the rename never happened
        try w.recover()
        #expect(events.all == [.resumed(file: "Base 8.xlsx")])
        _ = try w.run(once: true)
        let processed = events.all.compactMap { if case .processed(let s, _) = $0 { return s } else { return nil } }
        guard let summary = processed.first, processed.count == 1 else { Issue.record("\(events.all)"); return }
        #expect(summary.history?.alreadyIngestedAs == "Base 8.xlsx", "the store keeps the rows once")
        #expect(try gestionados(root) == ["Base 8 - gestionado.xlsx"])
        let day = CalendarDate(year: 2024, month: 3, day: 22)
        #expect(try w.store.cases(kind: "mal-escalados", from: day, to: day).count == 8)
    }

    /// A stop asked for while a file is worked: that file is finished, the next ones wait.
    @Test func aStopFinishesTheCurrentFileThenStops() throws {
        let root = try Repository.temporaryFolder("celda-recover")
        let events = Events()
        let stop = StopRequest()
        let w = try FolderWatcher(root: root, templates: try templates(), interval: 0.1, language: .es, stop: stop,
                                  today: { CalendarDate(year: 2024, month: 3, day: 22) }, report: { event in
                                      events.add(event)
                                      stop.request() // as SIGTERM would, while the batch is under way
                                  })
        for seed in [7, 8, 9] as [UInt64] {
            try FileManager.default.copyItem(atPath: try sample(seed: seed), toPath: root + "/entrada/Base \(seed).xlsx")
        }
        // Taken only once settled (a second unmodified).
        Thread.sleep(forTimeInterval: 1.1)
        let result = try w.run(once: false)
        #expect(result.handled == 1)
        #expect(try gestionados(root) == ["Base 7 - gestionado.xlsx"])
        #expect(try Repository.names(root + "/entrada") == ["Base 8.xlsx", "Base 9.xlsx"], "the rest wait for the next start")
        #expect(try Repository.names(root + "/procesando").isEmpty)
    }

    /// A CSV has no end record: only the settle time protects it. One written in pieces over
    /// several seconds is taken only when complete, with every row.
    @Test func aCSVStillBeingWrittenIsTakenOnlyWhenComplete() throws {
        let root = try Repository.temporaryFolder("celda-recover")
        let events = Events()
        let w = try watcher(root, events: events, interval: 0.2)
        let path = root + "/entrada/Tipificador.csv"
        let header = "Marca temporal;Nombre del asesor;Cuenta;Motivo de la comunicacion;Causal\n"
        try header.write(toFile: path, atomically: false, encoding: .utf8)
        let pieces = 8
        let writer = Thread {
            for i in 0..<pieces {
                Thread.sleep(forTimeInterval: 0.4)
                if let h = FileHandle(forWritingAtPath: path) {
                    h.seekToEndOfFile()
                    h.write(Data("2\(i % 2)/03/2024 08:00;Ana Gómez;1234567\(i);Sin señal de TV;A\n".utf8))
                    try? h.close()
                }
            }
        }
        writer.start()
        let result = try w.run(once: true)
        #expect(result.handled == 1)
        guard case .processed(let summary, _)? = events.all.first else { Issue.record("\(events.all)"); return }
        #expect(summary.rows == pieces, "taken before the copy ended: \(summary.rows) of \(pieces) rows")
    }
}
