import Foundation
import Testing

/// Small Python programs as outside readers and editors of the files Celda writes (python3,
/// openpyxl and python-calamine are installed by the setup command).
public enum OutsidePrograms {
    /// Runs `code` with `args`; a failure is recorded against the calling test.
    public static func python(_ code: String, _ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", code] + args
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "python failed")
    }

    /// One entry of a zip as text, through python's zipfile (an outside reader of the package);
    /// nil when the entry is not there.
    public static func zipEntry(_ path: String, _ entry: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            n = sys.argv[2]
            sys.stdout.write(z.read(n).decode('utf-8') if n in z.namelist() else '\\u0000')
            """, path, entry]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text == "\u{0}" ? nil : text
    }
}
