import CZip
import Foundation

/// Builds small .xlsx files for one behaviour each, zipped by the real libzip. Parts are
/// given as XML text (or raw bytes) so a test shows exactly what the file holds.
public struct WorkbookFixture {
    public struct Sheet {
        public var name: String
        public var xml: String
        public var state: String? = nil
        public var relType = "worksheet"
        public var target: String? = nil

        public init(name: String, xml: String, state: String? = nil, relType: String = "worksheet", target: String? = nil) {
            self.name = name
            self.xml = xml
            self.state = state
            self.relType = relType
            self.target = target
        }
    }

    public static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    public static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    public var sheets: [Sheet] = []
    public var sharedStrings: [String]? = nil
    /// (numFmtId, formatCode) custom formats; `cellXfs` lists the numFmtId of each style index.
    public var numFmts: [(Int, String)] = []
    public var cellXfs: [Int] = [0]
    public var date1904 = false
    public var extraParts: [(String, [UInt8])] = []
    public var workbookPath = "xl/workbook.xml"
    public var omit: Set<String> = []

    public init() {}

    /// A worksheet with `rows` inside `<sheetData>`.
    public static func worksheet(_ rows: String, after: String = "") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheetData>\(rows)</sheetData>\(after)</worksheet>"
    }

    /// One sheet named "Hoja1" with these rows, and optional shared strings (raw `<si>` contents).
    public static func single(_ rows: String, strings: [String]? = nil, after: String = "") -> WorkbookFixture {
        var f = WorkbookFixture()
        f.sheets = [Sheet(name: "Hoja1", xml: worksheet(rows, after: after))]
        f.sharedStrings = strings
        return f
    }

    public func parts() -> [(String, [UInt8])] {
        var p: [(String, String)] = []
        let folder = (workbookPath as NSString).deletingLastPathComponent
        let wbName = (workbookPath as NSString).lastPathComponent
        p.append(("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/\(workbookPath)" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
            """))
        p.append(("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(WorkbookFixture.rel)/officeDocument" Target="\(workbookPath)"/></Relationships>
            """))
        var sheetList = "", rels = ""
        for (i, s) in sheets.enumerated() {
            let state = s.state.map { " state=\"\($0)\"" } ?? ""
            sheetList += "<sheet name=\"\(s.name)\" sheetId=\"\(i + 1)\"\(state) r:id=\"rId\(i + 1)\"/>"
            let target = s.target ?? "worksheets/sheet\(i + 1).xml"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(WorkbookFixture.rel)/\(s.relType)\" Target=\"\(target)\"/>"
            if s.target == nil { p.append(("\(folder)/worksheets/sheet\(i + 1).xml", s.xml)) }
        }
        rels += "<Relationship Id=\"rIdS\" Type=\"\(WorkbookFixture.rel)/styles\" Target=\"styles.xml\"/>"
        if sharedStrings != nil {
            rels += "<Relationship Id=\"rIdT\" Type=\"\(WorkbookFixture.rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        let pr = date1904 ? "<workbookPr date1904=\"1\"/>" : ""
        p.append((workbookPath, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(WorkbookFixture.main)\" xmlns:r=\"\(WorkbookFixture.rel)\">\(pr)<sheets>\(sheetList)</sheets></workbook>"))
        p.append(("\(folder)/_rels/\(wbName).rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"))
        let fmts = numFmts.map { "<numFmt numFmtId=\"\($0.0)\" formatCode=\"\(xmlEscape($0.1))\"/>" }.joined()
        let xfs = cellXfs.map { "<xf numFmtId=\"\($0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" }.joined()
        p.append(("\(folder)/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(WorkbookFixture.main)\"><numFmts>\(fmts)</numFmts><cellXfs>\(xfs)</cellXfs></styleSheet>"))
        if let sharedStrings {
            let sis = sharedStrings.map { "<si>\($0)</si>" }.joined()
            p.append(("\(folder)/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(WorkbookFixture.main)\">\(sis)</sst>"))
        }
        return p.filter { !omit.contains($0.0) }.map { ($0.0, Array($0.1.utf8)) } + extraParts
    }

    /// Writes the workbook to a fresh temporary file and returns its path.
    public func write(_ name: String = "fixture.xlsx") throws -> String {
        try WorkbookFixture.zip(parts(), name: name)
    }

    public static func zip(_ parts: [(String, [UInt8])], name: String = "fixture.xlsx", compress: Bool = true) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        var err: Int32 = 0
        guard let za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err) else { throw FixtureError.zip("open \(err)") }
        for (name, bytes) in parts {
            let copy = malloc(max(bytes.count, 1))!
            bytes.withUnsafeBytes { if let b = $0.baseAddress { copy.copyMemory(from: b, byteCount: bytes.count) } }
            guard let src = zip_source_buffer(za, copy, zip_uint64_t(bytes.count), 1) else { throw FixtureError.zip("source") }
            let index = zip_file_add(za, name, src, zip_flags_t(ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8))
            if index < 0 { zip_source_free(src); throw FixtureError.zip("add \(name)") }
            if !compress { zip_set_file_compression(za, zip_uint64_t(index), ZIP_CM_STORE, 0) }
        }
        guard zip_close(za) == 0 else { throw FixtureError.zip("close") }
        return path
    }

    public static func file(_ bytes: [UInt8], name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("celda-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw FixtureError.zip("write \(path)") }
        return path
    }

    public enum FixtureError: Error { case zip(String) }
}

public func xmlEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
}
