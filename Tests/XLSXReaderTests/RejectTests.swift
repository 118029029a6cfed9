import Foundation
import Testing
@testable import XLSXReader

/// Every file of `../shared/corpus/reject` is refused with its own reason: never a crash, a
/// hang or a silent empty result. The reason is checked, not just that something threw.
struct RejectTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let expect: @Sendable (ReaderError.Kind) -> Bool
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "encrypted-agile-aes256.xlsx") { $0 == .encrypted },
        Case(file: "encrypted-standard-aes128.xlsx") { $0 == .encrypted },
        Case(file: "encrypted-excel-pass_protected.xlsx") { $0 == .encrypted },
        Case(file: "encrypted-default-password-velvetsweatshop.xlsx") { $0 == .encrypted },
        Case(file: "xls-renamed-to-xlsx.xlsx") { $0 == .legacyXLS },
        Case(file: "ods-renamed-to-xlsx.xlsx") { $0 == .openDocument },
        Case(file: "xlsb-renamed-to-xlsx.xlsx") { $0 == .binaryXLSB },
        Case(file: "tiny-garbage-68-bytes.xlsx") { $0 == .notASpreadsheet },
        Case(file: "empty-zip-eocd-only.xlsx") { $0 == .notOOXMLPackage },
        Case(file: "zip-without-ooxml-parts.xlsx") { $0 == .notOOXMLPackage },
        Case(file: "missing-content-types-and-rels.xlsx") { $0 == .notOOXMLPackage },
        Case(file: "numeric-only-cell-refs.xlsx") { if case .invalidCellReference = $0 { return true }; return false },
        Case(file: "excel2007-beta-namespace.xlsx") { if case .unsupportedNamespace = $0 { return true }; return false },
        Case(file: "truncated-zip.xlsx") { if case .corruptZip = $0 { return true }; return false },
        Case(file: "fuzz-no-eocd.xlsx") { if case .corruptZip = $0 { return true }; return false },
        Case(file: "fuzz-bad-central-directory.xlsx") { if case .corruptZip = $0 { return true }; return false },
        Case(file: "fuzz-bad-crc.xlsx") { if case .corruptZip = $0 { return true }; return false },
        // Its relationship part is cut short by the wrong size; libxml2 sees the cut.
        Case(file: "zip-entry-size-mismatch.xlsx") {
            if case .corruptZip = $0 { return true }
            if case .malformedXML = $0 { return true }
            return false
        },
        Case(file: "xml-bomb-billion-laughs.xlsx") { $0 == .forbiddenDTD },
        Case(file: "xml-bomb-54764.xlsx") { $0 == .forbiddenDTD },
        Case(file: "shared-string-amplification.xlsx") { if case .invalidCellReference = $0 { return true }; return false },
        Case(file: "duplicate-zip-entry.xlsx") { if case .ambiguousPackage = $0 { return true }; return false },
        Case(file: "duplicate-zip-entry-case-insensitive.xlsx") { if case .ambiguousPackage = $0 { return true }; return false },
        Case(file: "missing-workbook-rels.xlsx") { if case .missingPart = $0 { return true }; return false },
        Case(file: "missing-worksheet-parts.xlsx") { if case .missingPart = $0 { return true }; return false },
        Case(file: "workbook-without-sheets.xlsx") { $0 == .noSheets },
        Case(file: "corrupted-package-rels.xlsx") { if case .malformedXML = $0 { return true }; return false },
        Case(file: "not-well-formed-worksheet.xlsx") { if case .malformedXML = $0 { return true }; return false },
        Case(file: "invalid-sheet-state.xlsx") { if case .invalidAttribute = $0 { return true }; return false },
    ]

    @Test("every reject file has a case here")
    func allCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpusFolder.appendingPathComponent("reject").path)
            .filter { $0.hasSuffix(".xlsx") }
        #expect(Set(names) == Set(RejectTests.cases.map(\.file)))
    }

    @Test("is refused for its own reason", arguments: RejectTests.cases)
    func refused(_ c: Case) {
        let path = corpusFolder.appendingPathComponent("reject").appendingPathComponent(c.file).path
        do {
            let source = try SpreadsheetFile.open(path: path)
            // Some damage is found only when the sheets are read; reading every one must refuse.
            for sheet in source.sheets where sheet.type == .worksheet {
                try source.readRows(of: sheet) { _ in }
            }
            Issue.record("\(c.file) was read without an error")
        } catch let error as ReaderError {
            #expect(c.expect(error.kind), "\(c.file): got \(error.kind)")
            #expect(error.file == path, "the error names the file")
        } catch {
            Issue.record("\(c.file): not a ReaderError: \(error)")
        }
    }
}
