import CeldaTestSupport
import Foundation
import Testing

/// A watch folder behind a real Samba share (issue 27), as the back office uses it: scripts/
/// test.sh starts `smbd` on a loopback port; `smbclient` and Python's smbprotocol are the agent
/// at a Windows PC. Everything the agent does and sees goes over SMB.
@Suite(.serialized) struct SambaShareTests {
    static let env = ProcessInfo.processInfo.environment
    static let samples = Repository.root.appendingPathComponent("Samples").path
    static let agent = Repository.root.appendingPathComponent("Tests/Support/scripts/smb_agent.py").path

    func smbclient(_ command: String) throws -> (status: Int32, output: String) {
        let port = try #require(Self.env["CELDA_TEST_SMB_PORT"], "scripts/test.sh starts the test Samba")
        return try OutsidePrograms.run(["smbclient", "//127.0.0.1/celda", "-p", port,
                                        "-U", "\(Self.env["CELDA_TEST_SMB_USER"] ?? "")%\(Self.env["CELDA_TEST_SMB_PASSWORD"] ?? "")", "-c", command])
    }

    /// `celda process` of the same file, as a user would run it: what the share must give back.
    func processed(_ source: String, as name: String, in dir: String) throws -> String {
        let copy = dir + "/" + name
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        let run = try Celda.run(["process", copy, "--out", dir + "/salida", "--store", dir + "/h.sqlite", "--today", "2024-03-22"])
        #expect(run.status == 0, "\(run.stderr)")
        return dir + "/salida/" + (name as NSString).deletingPathExtension + " - gestionado.xlsx"
    }

    @Test func basesDroppedOverSMBComeBackAndAHalfCopiedOneIsNeverTaken() throws {
        let share = try #require(Self.env["CELDA_TEST_SMB_SHARE"], "scripts/test.sh starts the test Samba")
        let id = "puesto-" + UUID().uuidString.prefix(8).lowercased()
        try FileManager.default.createDirectory(atPath: share + "/" + id, withIntermediateDirectories: true)
        chmod(share + "/" + id, 0o2775)
        let folder = id + "/Mal escalados", root = share + "/" + folder
        // The watcher as its unit runs it: UMask 0007, so the share's group may write entrada/.
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: "/bin/sh")
        watcher.arguments = ["-c", "umask 0007; exec \"$0\" watch \"$1\" --interval 0.5 --today 2024-03-22", Celda.binary.path, root]
        let log = Pipe()
        watcher.standardOutput = log
        watcher.standardError = log
        try watcher.run()
        var stopped = false
        defer { if !stopped { watcher.terminate(); watcher.waitUntilExit() } }
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: root + "/.celda/historial.json") { Thread.sleep(forTimeInterval: 0.1) }

        // 1. A base with an accented name, put whole with smbclient.
        let name = "Base Mal Escalados 22-03 — Bogotá.xlsx"
        let put = try smbclient("cd \"\(folder)/entrada\"; put \"\(Self.samples)/Base Mal Escalados 22-03.xlsx\" \"\(name)\"")
        #expect(put.status == 0, "\(put.output)")
        let back = try OutsidePrograms.pythonOutput([Self.agent, "wait", folder + "/salida", "Base Mal Escalados 22-03 — Bogotá - gestionado", "90"])
        let seconds = back.split(separator: "\n").last.map(String.init) ?? "?"
        let local = try Repository.temporaryFolder("celda-smb-get")
        _ = try OutsidePrograms.pythonOutput([Self.agent, "get", folder + "/salida/Base Mal Escalados 22-03 — Bogotá - gestionado.xlsx", local + "/g.xlsx"])
        let expected = try processed(Self.samples + "/Base Mal Escalados 22-03.xlsx", as: name, in: try Repository.temporaryFolder("celda-smb-process"))
        #expect(try OutsidePrograms.calamineCells(local + "/g.xlsx") == (try OutsidePrograms.calamineCells(expected)), "the gestionado taken over SMB is the one celda process makes")
        print("smb: «\(name)» came back from salida/ over SMB \(seconds) s after the put")

        // 2. A base written in four pieces with pauses longer than the settle time: never taken half.
        let slow = try OutsidePrograms.pythonOutput([Self.agent, "put-slowly", Self.samples + "/Base Mal Escalados 21-03.xlsx",
                                                     folder + "/entrada/Base Mal Escalados 21-03.xlsx", "4", "2.5"])
        #expect(slow.isEmpty, "\(slow)")
        _ = try OutsidePrograms.pythonOutput([Self.agent, "wait", folder + "/salida", "Base Mal Escalados 21-03 - gestionado", "90"])
        #expect(try Repository.names(root + "/errores").isEmpty, "no half-copied file was taken")

        // 3. A file that is no workbook: errores/, with its reason.
        let text = try Repository.temporaryFolder("celda-smb-text") + "/notas.xlsx"
        try "esto no es un libro de Excel".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(try smbclient("cd \"\(folder)/entrada\"; put \"\(text)\" notas.xlsx").status == 0)
        _ = try OutsidePrograms.pythonOutput([Self.agent, "wait", folder + "/errores", "notas.xlsx.error.txt", "60"])

        let status = try Celda.run(["status", root, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(json["watching"] as? Bool == true)
        let files = (json["processed"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(files == ["notas.xlsx", "Base Mal Escalados 21-03.xlsx", name], "\(files)")
        let errors = (json["errors"] as? [[String: Any]] ?? [])
        #expect(errors.count == 1 && (errors.first?["file"] as? String) == "notas.xlsx" && !((errors.first?["reason"] as? String) ?? "").isEmpty)

        watcher.terminate()
        watcher.waitUntilExit()
        stopped = true
        #expect(watcher.terminationStatus == 0, "SIGTERM finishes and stops: \(String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
    }
}
