import Foundation
import Testing
@testable import XLSXReader

/// Every workbook of `../shared/corpus` against its oracle (python-calamine, cross-checked by
/// openpyxl). One test case per file, so a failure names the file; inside, each failing
/// cell is named by sheet and A1 reference.
struct CorpusTests {
    struct Entry: CustomTestStringConvertible, Sendable {
        let file: String
        let expected: String
        let oracle: String
        var testDescription: String { file }
    }

    static let entries: [Entry] = {
        let url = corpusFolder.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let files = root["files"] as? [[String: Any]] else { return [] }
        return files.compactMap { f in
            guard let file = f["file"] as? String, let expected = f["expected"] as? String else { return nil }
            return Entry(file: file, expected: expected, oracle: f["oracle"] as? String ?? "")
        }
    }()

    /// Cells where Celda deliberately differs from the oracle, and why.
    static let decisions: [String: String] = [
        // Both peers leave `_xC1EF_` and the pair `_xD801__xDC05_` as literal text. Excel decodes
        // every `_xHHHH_` (ClosedXML #608: `_x6904_` shows as 椄) and shows a surrogate pair as
        // the one character it encodes (SheetJS #72), so Celda reads 쇯 and 𐐅 like Excel does.
        "phpspreadsheet/issue.4724.xlsx!Worksheet!A4": "쇯",
        "phpspreadsheet/issue.4724.xlsx!Worksheet!A5": "𐐅",
        // A `t="d"` cell is a date by ECMA-376 §18.18.11 whatever its style; calamine keeps the
        // text because the cell's format is General. Celda returns the date-time it states.
        "sheetjs/xlsx-stream-d-date-cell.xlsx!Sheet1!B5": "2014-02-14T08:27:48.765000",
    ]

    /// The oracle calls these "worksheet"; their relationship types are
    /// `.../xlMacrosheet` and `.../dialogsheet`, and the issue asks that macro sheets never pass
    /// for worksheets. Their cells are still compared.
    static let typeDecisions: [String: String] = [
        "poi/xlmmacro.xlsm!Macro1": "macrosheet",
        "sheetjs/BlankSheetTypes.xlsm!Macro1": "macrosheet",
        "sheetjs/BlankSheetTypes.xlsm!Dialog1": "dialogsheet",
    ]

    @Test("the corpus is there (../shared/corpus)")
    func corpusIsPresent() {
        #expect(CorpusTests.entries.count >= 170, "manifest.json not found under \(corpusFolder.path)")
    }

    @Test("reads like the oracle", arguments: CorpusTests.entries)
    func matchesOracle(_ entry: Entry) throws {
        let expectedData = try Data(contentsOf: corpusFolder.appendingPathComponent(entry.expected))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let book = try XLSXWorkbook(path: corpusFolder.appendingPathComponent(entry.file).path)
        #expect(book.date1904 == (expected["date1904"] as? Bool ?? false))
        let sheets = try #require(expected["sheets"] as? [[String: Any]])
        #expect(book.sheets.map(\.name) == sheets.map { $0["name"] as? String ?? "" }, "sheet names")
        for (i, sheet) in sheets.enumerated() where i < book.sheets.count {
            let name = sheet["name"] as? String ?? ""
            let info = book.sheets[i]
            let expectedType = CorpusTests.typeDecisions["\(entry.file)!\(name)"] ?? sheet["type"] as? String
            #expect(info.type.rawValue == expectedType, "\(name): sheet type")
            #expect((info.visibility != .visible) == (sheet["hidden"] as? Bool ?? false), "\(name): visibility")
            guard info.type != .chartsheet else { continue }
            // A sheet python-calamine could not read ("calamine_error") holds openpyxl's values
            // in `rows`: it is compared like any other.
            let got = try readSheet(book, info)
            let disputed = sheet["disputed"] as? [String: Any] ?? [:]
            if let rows = sheet["rows"] as? [[Any]], let types = sheet["types"] as? [String] {
                compare(rows: rows, types: types, disputed: disputed,
                        got: got, where: "\(entry.file)!\(name)", oracle: entry.oracle)
                // Nothing beyond the oracle's last row but blanks (or errors a calamine-only oracle cannot show).
                let extra = got.rows.filter { row in
                    row.key > rows.count && row.value.contains { column, cell in
                        !cell.value.isEmpty && !isHiddenError(cell.value, entry.oracle)
                            && disputed[CellReference.name(row: row.key, column: column)] == nil
                    }
                }
                #expect(extra.isEmpty, "\(entry.file)!\(name): rows past the oracle's end: \(extra.keys.sorted().prefix(5))")
            } else if let cells = sheet["cells"] as? [String: Any] {
                for (ref, value) in cells {
                    #expect(matches(value, "n", got[ref]), "\(entry.file)!\(name)!\(ref)")
                }
            }
        }
    }

    private func isHiddenError(_ v: CellValue, _ oracle: String) -> Bool {
        if case .error = v { return oracle == "calamine-only" }
        return false
    }

    private func compare(rows: [[Any]], types: [String], disputed: [String: Any], got: SheetContents, where place: String, oracle: String) {
        for (r, row) in rows.enumerated() {
            let t = Array(types[r])
            for (c, value) in row.enumerated() {
                let ref = CellReference.name(row: r + 1, column: c)
                let cell = got[ref]
                if let decided = CorpusTests.decisions["\(place)!\(ref)"] {
                    #expect(text(cell) == decided || date(cell) == decided, "\(place)!\(ref): decided value")
                    continue
                }
                let kind = c < t.count ? t[c] : "-"
                if let peer = disputed[ref] {
                    // The peers disagree: either one's value passes, nothing else does.
                    expectEither(value, kind, peer, cell, "\(place)!\(ref)")
                    continue
                }
                if kind == "-", oracle == "calamine-only", case .error = cell { continue }
                #expect(matches(value, kind, cell), "\(place)!\(ref): expected \(kind) \(value), got \(cell)")
            }
        }
        // Disputed cells past the end of calamine's row (calamine: empty, openpyxl: a value).
        for (ref, peer) in disputed {
            guard let at = Array(ref.utf8).withUnsafeBufferPointer({ CellReference.parse($0) }) else {
                Issue.record("\(place)!\(ref): the oracle names no cell"); continue
            }
            if at.row <= rows.count && at.column < rows[at.row - 1].count { continue }
            expectEither(NSNull(), "-", peer, got[ref], "\(place)!\(ref)")
        }
        // Cells the oracle leaves out of a row (past its end) must be blank.
        for (rowNumber, cells) in got.rows where rowNumber <= rows.count {
            for (column, cell) in cells where column >= rows[rowNumber - 1].count && !cell.value.isEmpty {
                if disputed[CellReference.name(row: rowNumber, column: column)] != nil { continue }
                if oracle == "calamine-only", case .error = cell.value { continue }
                Issue.record("\(place)!\(CellReference.name(row: rowNumber, column: column)): unexpected \(cell.value)")
            }
        }
    }

    /// A disputed cell: `rows` holds python-calamine's value, `disputed[ref]` openpyxl's
    /// (`{"openpyxl": value, "openpyxl_type": "s"}`). Celda must give one of the two.
    private func expectEither(_ value: Any, _ kind: Character, _ peer: Any, _ cell: CellValue, _ place: String) {
        let entry = peer as? [String: Any] ?? [:]
        let peerValue = entry["openpyxl"] ?? NSNull()
        let peerKind = (entry["openpyxl_type"] as? String)?.first ?? "?"
        #expect(matches(value, kind, cell) || matches(peerValue, peerKind, cell),
                "\(place): disputed, calamine \(kind) \(value) / openpyxl \(peerKind) \(peerValue), got \(cell)")
    }

    private func text(_ v: CellValue) -> String? {
        if case .text(let s) = v { return s }
        return nil
    }

    /// Numbers to 1e-9 relative, dates and times to the second, durations to the second.
    private func matches(_ expected: Any, _ kind: Character, _ got: CellValue) -> Bool {
        switch kind {
        case "-": return got.isEmpty || text(got) == ""
        case "s":
            let e = expected as? String ?? ""
            return text(got) == e || (e.isEmpty && got.isEmpty)
        case "n":
            guard case .number(let v) = got, let e = (expected as? NSNumber)?.doubleValue else { return false }
            return abs(v - e) <= 1e-9 * max(1, abs(e))
        case "b":
            guard case .bool(let v) = got else { return false }
            return v == (expected as? Bool)
        case "e":
            guard case .error(let v) = got else { return false }
            return v == expected as? String
        case "d", "u":
            guard case .date(let d) = got, let e = expected as? String else { return false }
            if kind == "u" || d.kind == .duration { return durationSeconds(e) == durationSeconds(d.isoString) && durationSeconds(e) != nil }
            return secondsKey(d.isoString) == secondsKey(e)
        default: return false
        }
    }

    private func secondsKey(_ iso: String) -> String {
        let s = String(iso.prefix(19))
        return s.count == 10 ? s + "T00:00:00" : s
    }

    private func durationSeconds(_ iso: String) -> Int? {
        let negative = iso.hasPrefix("-")
        let body = negative ? String(iso.dropFirst()) : iso
        guard body.hasPrefix("PT") else { return nil }
        var total = 0.0, number = ""
        for ch in body.dropFirst(2) {
            switch ch {
            case "H": total += (Double(number) ?? 0) * 3600; number = ""
            case "M": total += (Double(number) ?? 0) * 60; number = ""
            case "S": total += Double(number) ?? 0; number = ""
            default: number.append(ch)
            }
        }
        return Int(total.rounded()) * (negative ? -1 : 1)
    }
}
