import Foundation
import XLSXReader

/// The checks every fuzz target makes on one input, whatever the input is:
/// - the reader either reads every worksheet or throws a `ReaderError` — any other error is a
///   bug (a Swift error leaking from a helper, a C status not turned into Celda's error);
/// - a `malformedXML` refusal carries libxml2's reason (it was empty when libxml2 reported an
///   encoding failure on its own channel);
/// - nothing is written to stderr while the reader runs (libxml2 printed its generic errors
///   there; the reader must stay silent, the CLI prints the one line).
/// A failed check aborts, so libFuzzer saves the input as `crash-…`.
public enum Harness {
    /// Where fd 2 points while the reader runs; checked and emptied after each input.
    nonisolated(unsafe) private static var capture: Int32 = -1
    nonisolated(unsafe) private static var realStderr: Int32 = -1
    public nonisolated(unsafe) static var capturePath = ""

    /// Call once at start-up: keeps the real stderr for reports (ASan's too) and opens the
    /// capture file.
    public static func setUp() {
        realStderr = dup(2)
        // Sanitizer reports go to the real stderr even while fd 2 is the capture file.
        __sanitizer_set_report_fd(UnsafeMutableRawPointer(bitPattern: Int(realStderr)))
        capturePath = FileManager.default.temporaryDirectory.appendingPathComponent("celda-fuzz-stderr-\(getpid()).txt").path
        capture = open(capturePath, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        if capture < 0 { fail("cannot open \(capturePath)") }
        let note = "celda fuzz: stderr of the reader is captured in \(capturePath)\n"
        _ = note.withCString { write(realStderr, $0, strlen($0)) }
    }

    /// Runs `read` with fd 2 pointing at the capture file, then checks what it threw and wrote.
    public static func check(_ read: () throws -> Void) {
        if capture < 0 { setUp() }
        fflush(nil)
        dup2(capture, 2)
        var thrown: Error?
        do { try read() } catch { thrown = error }
        fflush(nil)
        dup2(realStderr, 2)
        var st = stat()
        fstat(capture, &st)
        if st.st_size > 0 {
            var bytes = [UInt8](repeating: 0, count: min(Int(st.st_size), 4096))
            _ = pread(capture, &bytes, bytes.count, 0)
            fail("the reader wrote to stderr: \(String(decoding: bytes, as: UTF8.self))")
        }
        guard let thrown else { return }
        guard let error = thrown as? ReaderError else { fail("not a ReaderError: \(type(of: thrown)) \(thrown)") }
        if case .malformedXML(let why) = error.kind, why.trimmingCharacters(in: .whitespaces).isEmpty {
            fail("malformedXML with an empty reason: \(error)")
        }
    }

    /// Reads every worksheet of the file at `path` the way `celda dump` does.
    public static func readAll(_ path: String) throws {
        let source = try SpreadsheetFile.open(path: path)
        for sheet in source.sheets where sheet.type == .worksheet {
            try source.readRows(of: sheet) { row in
                for cell in row.cells {
                    switch cell.value {
                    case .date(let d): _ = d.isoString
                    case .number(let v): _ = v.description
                    case .text(let t): _ = t.utf8.count
                    default: break
                    }
                }
            }
        }
    }

    /// A scratch file of this process, rewritten for each input.
    /// One fuzz input read as a whole file at `path` (a CSV or a workbook, by its extension):
    /// what the package and CSV targets both do.
    public static func readAsFile(_ data: UnsafePointer<UInt8>, _ size: Int, at path: String) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else {
            fail("cannot write \(path)")
        }
        check { try readAll(path) }
    }

    public static func scratch(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("celda-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    public static func fail(_ message: String) -> Never {
        if realStderr >= 0 { dup2(realStderr, 2) }
        let line = "celda fuzz: \(message)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        abort()
    }
}

@_silgen_name("__sanitizer_set_report_fd")
func __sanitizer_set_report_fd(_ fd: UnsafeMutableRawPointer?)

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// Enters libFuzzer's driver (LLVM 11+) from a SwiftPM executable's renamed entry point, so
/// the two `main`s do not collide.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32 {
    Harness.setUp()
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}
