import Foundation
import Testing

/// `celda watch` with real folders and a real child process, including the ways a PC fails.
@Suite(.serialized)
struct WatchTests {
    private func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-watch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/entrada", withIntermediateDirectories: true)
        return dir
    }

    private func names(_ path: String) -> [String] {
        // A folder that was never created is not an empty one: it lists as a name no test expects.
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["<no existe: \(path)>"]).sorted()
    }

    /// A sample base with its own seed (so its content, and hash, differ from the others).
    private func sample(seed: Int, rows: Int, into entrada: String, as name: String) throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("celda-sample-\(UUID().uuidString)").path
        #expect(try Celda.run(["samples", tmp, "--rows", String(rows), "--seed", String(seed)]).status == 0)
        try FileManager.default.moveItem(atPath: tmp + "/Base Mal Escalados 22-03.xlsx", toPath: entrada + "/" + name)
    }

    private func background(_ args: [String]) throws -> (Process, Pipe) {
        let p = Process()
        p.executableURL = Celda.binary
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        return (p, out)
    }

    private func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end { if condition() { return true }; Thread.sleep(forTimeInterval: 0.1) }
        return condition()
    }

    @Test func goodBadLockAndHiddenFiles() throws {
        let root = try folder()
        try sample(seed: 1, rows: 30, into: root + "/entrada", as: "Base 1.xlsx")
        try Data("no soy un libro".utf8).write(to: URL(fileURLWithPath: root + "/entrada/roto.xlsx"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/entrada/leeme.docx"))
        for ignored in ["~$Base 1.xlsx", ".~lock.Base 1.xlsx#", ".oculto.xlsx", "descarga.xlsx.crdownload"] {
            try Data("bloqueo".utf8).write(to: URL(fileURLWithPath: root + "/entrada/" + ignored))
        }
        let run = try Celda.run(["watch", root, "--once", "--interval", "0.2", "--today", "2024-03-22"])
        #expect(run.status == 1, "some input was refused: \(run.stdout)")
        #expect(names(root + "/salida") == ["Base 1 - gestionado.xlsx", "Consolidado mal escalado soporte 2024-03-22.xlsx"],
                "the gestionado, and the day's report refreshed after the batch")
        #expect(names(root + "/procesados") == ["Base 1.xlsx"])
        #expect(names(root + "/errores") == ["leeme.docx", "leeme.docx.error.txt", "roto.xlsx", "roto.xlsx.error.txt"])
        let reason = try String(contentsOfFile: root + "/errores/roto.xlsx.error.txt", encoding: .utf8)
        #expect(reason.contains("no es un libro de Excel") && reason.contains("guárdelo"), "\(reason)")
        #expect(names(root + "/entrada") == [".oculto.xlsx", ".~lock.Base 1.xlsx#", "descarga.xlsx.crdownload", "~$Base 1.xlsx"], "lock, hidden and partial downloads are left alone")
        #expect(names(root + "/procesando").isEmpty)
        let log = try String(contentsOfFile: root + "/.celda/log.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(log.count == 3)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.filter { !$0.hasPrefix("informe ") }.count == 3, "one human line per file: \(run.stdout)")
        #expect(lines.filter { $0.hasPrefix("informe mal-escalados del día: 30 casos → ") }.count == 1, "\(run.stdout)")
    }

    @Test func theSameContentTwiceIsNotCountedTwice() throws {
        let root = try folder()
        try sample(seed: 2, rows: 20, into: root + "/entrada", as: "Base lunes.xlsx")
        #expect(try Celda.run(["watch", root, "--once", "--interval", "0.2"]).status == 0)
        try FileManager.default.copyItem(atPath: root + "/procesados/Base lunes.xlsx", toPath: root + "/entrada/Base lunes (reenviada).xlsx")
        try FileManager.default.copyItem(atPath: root + "/procesados/Base lunes.xlsx", toPath: root + "/entrada/Base lunes.xlsx")
        let second = try Celda.run(["watch", root, "--once", "--interval", "0.2"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("mismo contenido que «Base lunes.xlsx»"), "\(second.stdout)")
        #expect(names(root + "/salida") == ["Base lunes - gestionado.xlsx"], "no second output")
        #expect(names(root + "/procesados").count == 3, "every original kept; the same name gets a timestamp: \(names(root + "/procesados"))")
    }

    @Test func aFileStillBeingWrittenIsWaitedFor() throws {
        let root = try folder()
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("celda-stage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try sample(seed: 3, rows: 200, into: staging, as: "lenta.xlsx")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: staging + "/lenta.xlsx"))
        let (watcher, out) = try background(["watch", root, "--interval", "0.3", "--today", "2024-03-22"])
        // Copied in slow chunks, as over a network share: 6 pieces, 0.4 s apart.
        let target = root + "/entrada/lenta.xlsx"
        #expect(FileManager.default.createFile(atPath: target, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        let piece = bytes.count / 6 + 1
        for start in stride(from: 0, to: bytes.count, by: piece) {
            handle.write(bytes[start..<min(bytes.count, start + piece)])
            try handle.synchronize()
            Thread.sleep(forTimeInterval: 0.4)
        }
        try handle.close()
        #expect(waitFor(seconds: 30) { names(root + "/salida").contains("lenta - gestionado.xlsx") })
        watcher.terminate() // SIGTERM: finish and stop
        watcher.waitUntilExit()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(watcher.terminationStatus == 0, "\(said)")
        #expect(said.contains("Detenido"))
        #expect(names(root + "/errores").isEmpty, "a half-copied file was never taken: \(names(root + "/errores"))")
        #expect(names(root + "/procesados") == ["lenta.xlsx"])
    }

    @Test func killNineMidBatchThenRestartLosesAndRepeatsNothing() throws {
        let root = try folder()
        let count = 8
        for i in 0..<count { try sample(seed: 100 + i, rows: 4_000, into: root + "/entrada", as: "Base \(i).xlsx") }
        let (watcher, _) = try background(["watch", root, "--interval", "0.2", "--today", "2024-03-22"])
        // Kill it hard as soon as it is working on something (a power cut, in effect).
        #expect(waitFor(seconds: 60) { !names(root + "/procesando").isEmpty || !names(root + "/salida").isEmpty })
        Thread.sleep(forTimeInterval: 0.3)
        kill(watcher.processIdentifier, SIGKILL)
        watcher.waitUntilExit()
        #expect(names(root + "/procesados").count < count, "it was stopped mid-batch")

        let restart = try Celda.run(["watch", root, "--once", "--interval", "0.2", "--today", "2024-03-22"])
        #expect(restart.status == 0, "\(restart.stdout)")
        let outputs = names(root + "/salida")
        #expect(outputs.filter { $0.contains(" - gestionado") }.count == count, "one gestionado per base: \(outputs)")
        #expect(outputs.filter { $0.hasPrefix("Consolidado ") } == ["Consolidado mal escalado soporte 2024-03-22.xlsx"], "\(outputs)")
        #expect(!outputs.contains { $0.contains("(2)") || $0.hasSuffix(".tmp") || $0.hasPrefix(".") }, "no duplicates, no partial files: \(outputs)")
        #expect(names(root + "/procesados").count == count, "\(names(root + "/procesados"))")
        #expect(names(root + "/procesando").isEmpty && names(root + "/errores").isEmpty)
        #expect(names(root + "/entrada").isEmpty)
    }

    @Test func oneWatcherPerFolderAndAStaleLockIsTakenOver() throws {
        let root = try folder()
        try FileManager.default.createDirectory(atPath: root + "/.celda", withIntermediateDirectories: true)
        try "99999\n".write(toFile: root + "/.celda/watch.lock", atomically: true, encoding: .utf8) // left by a dead watcher
        let (first, out) = try background(["watch", root, "--interval", "0.5"])
        #expect(waitFor(seconds: 20) { (try? String(contentsOfFile: root + "/.celda/watch.lock", encoding: .utf8))?.hasPrefix("\(first.processIdentifier)") == true },
                "the stale lock is taken over")
        let second = try Celda.run(["watch", root, "--once"])
        #expect(second.status == 1)
        #expect(second.stderrLines.count == 1)
        #expect(second.stderr.contains("ya está vigilada por otro celda watch (proceso \(first.processIdentifier))"), "\(second.stderr)")
        first.interrupt() // Ctrl-C
        first.waitUntilExit()
        #expect(first.terminationStatus == 0, "\(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
    }
}
