import CeldaTestSupport
import Foundation
import Testing

/// `celda service` (issue 27): the unit it prints passes `systemd-analyze verify` with no
/// warning, runs `celda watch` on the same folder with the same options (quoted so a folder
/// named with spaces, accents, % and $ stays itself), and `--install` writes it whole; bad
/// input is one line and exit 1, never a half-written unit.
struct ServiceTests {
    func mailFile(_ dir: String) throws -> String {
        let path = dir + "/correo.yaml"
        try "salida:\n  smtp: smtp://127.0.0.1:25\n  remitente: celda@almacontact.com.co\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theUnitPassesSystemdAnalyzeAndRunsTheSameWatch() throws {
        let dir = try Repository.temporaryFolder("celda-service")
        let folder = dir + "/Mal escalados 100% $día"
        let run = try Celda.run(["service", folder, "--correo", try mailFile(dir), "--store", dir + "/historial.sqlite", "--user", "root"])
        #expect(run.status == 0, "\(run.stderr)")
        let unit = run.stdout
        for line in ["Restart=on-failure", "KillSignal=SIGTERM", "UMask=0007", "User=root", "StandardOutput=journal", "WantedBy=multi-user.target",
                     "EnvironmentFile=-/etc/celda/celda-mal-escalados-100-dia.env"] {
            #expect(unit.contains(line + "\n"), "\(line) in\n\(unit)")
        }
        let exec = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
        #expect(exec.contains("\" \"watch\" \"\(dir)/Mal escalados 100%% $$día\" \"--correo\" \"\(dir)/correo.yaml\" \"--store\" \"\(dir)/historial.sqlite\""), "\(exec)")
        #expect(exec.hasPrefix("ExecStart=\"/") && exec.contains("/celda\" "), "the binary by its absolute path: \(exec)")
        let path = dir + "/celda-mal-escalados-100-dia.service"
        try unit.write(toFile: path, atomically: true, encoding: .utf8)
        let verify = try OutsidePrograms.run(["systemd-analyze", "verify", path])
        #expect(verify.status == 0 && verify.output.isEmpty, "systemd-analyze: \(verify.output)")
    }

    @Test func installWritesTheUnitWholeAndSaysWhatToRunWhereSystemdIsNot() throws {
        let dir = try Repository.temporaryFolder("celda-service")
        let units = dir + "/system"
        try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        let printed = try Celda.run(["service", dir + "/Recurrentes"])
        let run = try Celda.run(["service", dir + "/Recurrentes", "--install"], environment: ["CELDA_SYSTEMD_DIR": units])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Repository.names(units) == ["celda-recurrentes.service"], "no temporary file left")
        #expect(try String(contentsOfFile: units + "/celda-recurrentes.service", encoding: .utf8) == printed.stdout)
        if !FileManager.default.fileExists(atPath: "/run/systemd/system") {
            #expect(run.stdout.contains("systemd no corre en este equipo") && run.stdout.contains("systemctl enable --now celda-recurrentes.service"), "\(run.stdout)")
        }
    }

    @Test func badInputIsOneLineInEitherLanguageAndNoUnit() throws {
        let dir = try Repository.temporaryFolder("celda-service")
        let unknown = try Celda.run(["service", dir + "/X", "--user", "nadie-\(UUID().uuidString.prefix(6))"])
        #expect(unknown.status == 1 && unknown.stderrLines.count == 1 && unknown.stderr.contains("este equipo no tiene el usuario"), "\(unknown.stderr)")
        let password = try Celda.run(["service", dir + "/X", "--store", "postgres://celda:secreta@servidor/celda", "--lang", "en"])
        #expect(password.status == 1 && password.stderrLines.count == 1 && password.stderr.contains("holds its password") && !password.stderr.contains("secreta"),
                "\(password.stderr)")
        let unwritable = try Celda.run(["service", dir + "/X", "--install"], environment: ["CELDA_SYSTEMD_DIR": dir + "/no-existe"])
        #expect(unwritable.status == 1 && unwritable.stderrLines.count == 1 && unwritable.stderr.contains("no se pudo escribir la unidad"), "\(unwritable.stderr)")
        // --install by a user who may not write /etc/systemd/system (the tests run as root: as nobody).
        if getuid() == 0, FileManager.default.fileExists(atPath: "/etc/systemd/system") {
            let notRoot = try OutsidePrograms.run(["runuser", "-u", "nobody", "--", Celda.binary.path, "service", dir + "/X", "--install"])
            #expect(notRoot.status == 1 && notRoot.output.split(separator: "\n").count == 1 && notRoot.output.contains("Instálela como root"), "\(notRoot.output)")
            #expect(!FileManager.default.fileExists(atPath: "/etc/systemd/system/celda-x.service"))
        }
        // Two folders with one last name: the first one's unit is not replaced.
        let units = dir + "/system"
        try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        #expect(try Celda.run(["service", dir + "/a/Bases", "--install"], environment: ["CELDA_SYSTEMD_DIR": units]).status == 0)
        let other = try Celda.run(["service", dir + "/b/Bases", "--install"], environment: ["CELDA_SYSTEMD_DIR": units])
        #expect(other.status == 1 && other.stderr.contains("ya es la unidad de otra carpeta"), "\(other.stderr)")
        #expect(try String(contentsOfFile: units + "/celda-bases.service", encoding: .utf8).contains("\(dir)/a/Bases\""))
        #expect(try Celda.run(["service", dir + "/a/Bases", "--install"], environment: ["CELDA_SYSTEMD_DIR": units]).status == 0, "the same folder again: replaced")
        // A line break in a name would write a directive of its own.
        let injected = try Celda.run(["service", dir + "/Bases\nExecStartPre=/bin/rm -rf /"])
        #expect(injected.status == 1 && injected.stderrLines.count == 1 && injected.stderr.contains("salto de línea"), "\(injected.stderr)")
        let badMail = try Celda.run(["service", dir + "/X", "--correo", dir + "/falta.yaml"])
        #expect(badMail.status == 1 && badMail.stderrLines.count == 1 && badMail.stderr.contains("no existe"), "\(badMail.stderr)")
    }
}
