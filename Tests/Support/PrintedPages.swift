import Foundation

/// A workbook as a supervisor prints it: LibreOffice headless converts it to PDF (with a
/// profile of its own, so runs never share LibreOffice's lock), and pdftotext (poppler-utils)
/// gives back the words of each page — what a person reads, not just a file of some size.
public enum PrintedPages {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// LibreOffice's program, where setup.sh's apt packages put it.
    public static func soffice() -> String? {
        ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Converts `file` to `<outdir>/<name>.pdf` and returns that path.
    public static func pdf(of file: String, outdir: String, profile: String) throws -> String {
        guard let soffice = soffice() else { throw Failure(description: "LibreOffice is installed by scripts/setup.sh") }
        let (status, log) = try run(soffice, ["-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                                              "--convert-to", "pdf", "--outdir", outdir, file])
        let pdf = outdir + "/" + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".pdf"
        guard status == 0, FileManager.default.fileExists(atPath: pdf) else { throw Failure(description: "LibreOffice did not print \(file): \(log)") }
        return pdf
    }

    /// A LibreOffice profile in `profile` that recalculates every formula of an .xlsx on load
    /// (Calc's `OOXMLRecalcMode` always; by default it shows the cached results).
    public static func recalculatingProfile(_ profile: String) throws {
        try FileManager.default.createDirectory(atPath: profile + "/user", withIntermediateDirectories: true)
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>
        """.write(toFile: profile + "/user/registrymodifications.xcu", atomically: true, encoding: .utf8)
    }

    /// `file` as LibreOffice saves it after recalculating every formula on load (a profile of
    /// its own sets Calc's `OOXMLRecalcMode` to always: by default it keeps an .xlsx's cached
    /// results): `<outdir>/<name>.xlsx`, whose cached values are LibreOffice's own.
    public static func recalculated(_ file: String, outdir: String, profile: String) throws -> String {
        guard let soffice = soffice() else { throw Failure(description: "LibreOffice is installed by scripts/setup.sh") }
        try recalculatingProfile(profile)
        try FileManager.default.createDirectory(atPath: outdir, withIntermediateDirectories: true)
        let (status, log) = try run(soffice, ["-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                                              "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, file])
        let out = outdir + "/" + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".xlsx"
        guard status == 0, FileManager.default.fileExists(atPath: out) else { throw Failure(description: "LibreOffice did not recalculate \(file): \(log)") }
        return out
    }

    /// The text of each page (`pdftotext -layout`; pages end with a form feed), blank pages left out.
    public static func pages(of pdf: String) throws -> [String] {
        let (status, text) = try run("/usr/bin/pdftotext", ["-layout", pdf, "-"])
        guard status == 0 else { throw Failure(description: "pdftotext failed on \(pdf)") }
        return text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    private static func run(_ program: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
