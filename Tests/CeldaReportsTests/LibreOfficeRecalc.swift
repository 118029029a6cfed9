import CeldaTestSupport
import Foundation
import Testing

/// LibreOffice headless made to recalculate every formula on load: by default it shows the
/// cached results of an .xlsx (ARCHITECTURE.md's pitfall), so a profile of its own sets
/// Calc's `OOXMLRecalcMode` to 0 (always). Each sheet is exported to `<file>-<sheet>.csv`.
enum LibreOfficeRecalc {
    static let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

    /// Converts `file` in `folder`; returns each sheet's rows of raw values as text, by sheet name.
    static func sheets(of file: String, recalculate: Bool = true, in folder: String) throws -> [String: [[String]]] {
        let profile = folder + "/perfil"
        if recalculate { try PrintedPages.recalculatingProfile(profile) }
        let out = folder + "/csv"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(PrintedPages.soffice(), "LibreOffice is installed by scripts/setup.sh"))
        process.arguments = ["-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--convert-to", filter, "--outdir", out, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log)")
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var sheets: [String: [[String]]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where name.hasPrefix(base + "-") && name.hasSuffix(".csv") {
            let sheet = String(name.dropFirst(base.count + 1).dropLast(4))
            sheets[sheet] = parse(try String(contentsOfFile: out + "/" + name, encoding: .utf8))
        }
        return sheets
    }

    /// RFC 4180 CSV: commas, double quotes, quoted newlines.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" { row.append(field); rows.append(row); row = []; field = ""
            } else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
