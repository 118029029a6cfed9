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

    /// Runs a program found on PATH; its status and what it printed (stdout and stderr together).
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    /// Every sheet's cells of a workbook as python-calamine reads them, as text: what two
    /// workbooks are compared by, cell for cell.
    public static func calamineCells(_ path: String) throws -> String {
        try pythonOutput(["-c", """
            import sys, python_calamine as c
            wb = c.CalamineWorkbook.from_path(sys.argv[1])
            for name in wb.sheet_names:
                print("##", name)
                for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
                    print(repr(row))
            """, path])
    }

    /// Runs python3 with `arguments` (a script and its arguments, or `-c` and code); returns its
    /// standard output. A failure is recorded against the calling test with python's own words.
    public static func pythonOutput(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Both pipes drained before waiting: a long report cannot block on a full pipe.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errors.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        group.wait()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "python: \(String(decoding: errors.data, as: UTF8.self))")
        return text
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
