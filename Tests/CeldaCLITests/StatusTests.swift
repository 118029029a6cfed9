import CeldaTestSupport
import Foundation
import Testing

/// `celda status CARPETA [--json]` (issue 27): what a watch folder holds and whether a watcher
/// runs, read without touching anything (the folder's files and times are the same after).
@Suite(.serialized) struct StatusTests {
    static let samples = Repository.root.appendingPathComponent("Samples").path

    /// Every file under `root` with its size and modification time.
    func snapshot(_ root: String) throws -> [String] {
        let fm = FileManager.default
        return try (fm.subpathsOfDirectory(atPath: root)).sorted().map { path in
            let a = try fm.attributesOfItem(atPath: root + "/" + path)
            return "\(path) \(a[.size] ?? 0) \((a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
    }

    struct Status: Decodable {
        struct Processed: Decodable { let file: String; let at: String; let outcome: String; let output: String? }
        struct Failed: Decodable { let file: String; let reason: String? }
        struct Store: Decodable { let kind: String; let location: String; let bytes: Int? }
        let watching: Bool, waiting: Int, processed: [Processed], errors: [Failed], store: Store?
        let pid: Int?
    }

    @Test func itSaysWhatWasProcessedWhatFailedAndWhetherAWatcherRuns() throws {
        let root = try Repository.temporaryFolder("celda-status") + "/Mal escalados"
        try FileManager.default.createDirectory(atPath: root + "/entrada", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.samples + "/Base Mal Escalados 22-03.xlsx", toPath: root + "/entrada/Base Mal Escalados 22-03.xlsx")
        try "no es una base".write(toFile: root + "/entrada/notas.xlsx", atomically: true, encoding: .utf8)
        #expect(try Celda.run(["watch", root, "--once", "--interval", "0.2", "--today", "2024-03-22"]).status == 1, "one file refused")
        try "espera".write(toFile: root + "/entrada/Base 23-03.csv", atomically: true, encoding: .utf8)
        try "".write(toFile: root + "/entrada/~$Base 23-03.xlsx", atomically: true, encoding: .utf8)

        let before = try snapshot(root)
        let run = try Celda.run(["status", root, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try snapshot(root) == before, "status touches nothing")
        let s = try JSONDecoder().decode(Status.self, from: Data(run.stdout.utf8))
        #expect(!s.watching && s.pid == nil)
        #expect(s.waiting == 1, "the lock file of Excel is not counted")
        #expect(s.processed.map(\.file) == ["notas.xlsx", "Base Mal Escalados 22-03.xlsx"], "newest first: \(s.processed.map(\.file))")
        #expect(s.processed.map(\.outcome) == ["error", "ok"])
        #expect(s.processed.last?.output?.hasSuffix("salida/Base Mal Escalados 22-03 - gestionado.xlsx") == true)
        #expect(s.errors.count == 1 && s.errors[0].file == "notas.xlsx" && (s.errors[0].reason ?? "").contains("notas.xlsx"), "\(s.errors)")
        #expect(s.store?.kind == "sqlite" && s.store?.location.hasSuffix(".celda/celda.sqlite") == true && (s.store?.bytes ?? 0) > 0)

        let text = try Celda.run(["status", root])
        #expect(text.status == 0 && text.stdout.contains("nadie la está vigilando") && text.stdout.contains("en errores/: 1"), "\(text.stdout)")

        // A watcher running: the lock is seen, not taken (the watcher keeps it).
        let p = Process()
        p.executableURL = Celda.binary
        p.arguments = ["watch", root, "--interval", "0.2", "--today", "2024-03-22"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        var watched: Status?
        for _ in 0..<50 {
            Thread.sleep(forTimeInterval: 0.1)
            watched = try JSONDecoder().decode(Status.self, from: Data(try Celda.run(["status", root, "--json"]).stdout.utf8))
            if watched?.watching == true { break }
        }
        #expect(watched?.watching == true && watched?.pid == Int(p.processIdentifier), "\(String(describing: watched))")
        let english = try Celda.run(["status", root, "--lang", "en"])
        #expect(english.stdout.contains("celda watch is watching it (process \(p.processIdentifier))"), "\(english.stdout)")
    }

    @Test func aFolderThatIsNoWatchFolderIsOneLineAndExit1() throws {
        let dir = try Repository.temporaryFolder("celda-status")
        let run = try Celda.run(["status", dir])
        #expect(run.status == 1 && run.stderrLines.count == 1 && run.stderr.contains("no es una carpeta de celda watch"), "\(run.stderr)")
        let en = try Celda.run(["status", dir + "/no-existe", "--lang", "en"])
        #expect(en.status == 1 && en.stderr.contains("is not a celda watch folder"))
    }
}
