import Foundation

/// `celda service --install`: the unit written whole (a temporary name, then renamed: never a
/// half-written unit), then enabled and started where systemd runs.
public enum ServiceInstall {
    public enum Outcome: Equatable, Sendable {
        /// systemd runs here: `systemctl daemon-reload` and `enable --now` were run.
        case started(path: String)
        /// systemd does not run here (a container, a chroot): the unit is written, and these
        /// are the commands to run where it does.
        case written(path: String, commands: [String])
    }

    /// `directory`: /etc/systemd/system, or CELDA_SYSTEMD_DIR (tests).
    public static func install(_ unit: ServiceUnit, directory: String) throws -> Outcome {
        let path = (directory as NSString).appendingPathComponent(unit.name)
        // Two folders with one last name («/srv/a/Bases», «/srv/b/Bases») would share a unit:
        // the other folder's unit is never replaced.
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), !existing.contains(ServiceUnit.quoted(unit.folder)) {
            throw PipelineError.unitOfAnotherFolder(path: path)
        }
        do { try WholeFile.write(Data(unit.text.utf8), to: path) } catch PipelineError.fileNotWritten(_, let code) {
            throw PipelineError.unitNotWritten(path: path, errno: code)
        }
        let commands = [["systemctl", "daemon-reload"], ["systemctl", "enable", "--now", unit.name]]
        // systemd's own test for "booted with systemd" (sd_booted).
        guard FileManager.default.fileExists(atPath: "/run/systemd/system") else {
            return .written(path: path, commands: commands.map { $0.joined(separator: " ") })
        }
        for command in commands {
            let (status, output) = try run(command)
            if status != 0 { throw PipelineError.systemctlFailed(command: command.joined(separator: " "), output: output) }
        }
        return .started(path: path)
    }

    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
