/// Every part of a package, inflated, in archive order: what a fingerprint of a workbook's
/// content reads (issue 23: the same report written twice differs only in docProps/core.xml's
/// time, and must not be mailed twice).
public enum WorkbookParts {
    public static func forEach(in path: String, _ body: (_ name: String, _ bytes: [UInt8]) throws -> Void) throws {
        let archive = try ZipArchive(path: path)
        for name in archive.rawNames {
            guard let entry = archive.entry(named: name) else { continue }
            try body(name, try archive.readAll(entry))
        }
    }
}
