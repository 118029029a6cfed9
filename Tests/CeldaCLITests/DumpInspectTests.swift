import CeldaTestSupport
import Foundation
import Testing

/// `celda dump` and `celda inspect` as ARCHITECTURE.md's CLI contract says.
struct DumpInspectTests {
    @Test func dumpJSONLinesTypesEveryCell() throws {
        let run = try Celda.run(["dump", corpus("calamine/date_1904.xlsx")])
        #expect(run.status == 0)
        #expect(run.stdout == """
            [{"date":"2021-01-01"},15]
            [{"date":"2021-01-02"},16]
            [{"duration":"PT255H10M10S"},17]

            """)
    }

    @Test func dumpTextBooleansErrorsAndFormulaResults() throws {
        let run = try Celda.run(["dump", corpus("calamine/errors.xlsx")])
        #expect(run.status == 0)
        let rows = run.jsonRows
        let flat = rows.compactMap { $0 as? [Any] }.flatMap { $0 }
        let errors = flat.compactMap { ($0 as? [String: Any])?["error"] as? String }
        #expect(Set(errors).isSuperset(of: ["#DIV/0!", "#N/A", "#VALUE!"]), "\(errors)")
    }

    @Test func rowsKeepTheirPosition() throws {
        let csv = try temporaryFile("huecos.csv", Array("Cuenta;Nota\n\n;tercera\n".utf8))
        let run = try Celda.run(["dump", csv])
        #expect(run.status == 0)
        #expect(run.stdout == "[\"Cuenta\",\"Nota\"]\n[]\n[null,\"tercera\"]\n")
    }

    @Test func dumpCSVQuotesWhatMustBeQuoted() throws {
        let csv = try temporaryFile("citas.csv", Array("a;b\n\"uno, dos\";\"dice \"\"sí\"\"\"\n".utf8))
        let run = try Celda.run(["dump", csv, "--format", "csv"])
        #expect(run.status == 0)
        #expect(run.stdout == "a,b\n\"uno, dos\",\"dice \"\"sí\"\"\"\n")
    }

    /// The rows the corpus oracle (python-calamine, cross-checked by openpyxl) holds for a sheet.
    private func oracleRows(_ oracleFile: String, sheet: String) throws -> [[Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: corpus(oracleFile)))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sheets = try #require(root["sheets"] as? [[String: Any]])
        return try #require(sheets.first { $0["name"] as? String == sheet }?["rows"] as? [[Any]])
    }

    @Test func sheetByNameOrPosition() throws {
        // Which sheet each selector picks is CLIContractTests' business (sheets with different
        // content); here the rows of the chosen sheet are the outside readers' rows.
        let book = corpus("calamine/any_sheets.xlsx")
        let expected = try oracleRows("calamine/any_sheets.expected.json", sheet: "Visible")
        for arguments in [["--sheet", "Visible"], ["--sheet", "1"], []] {
            let run = try Celda.run(["dump", book] + arguments)
            #expect(run.status == 0)
            #expect((run.jsonRows as NSArray).isEqual(to: expected), "\(arguments): \(run.stdout)")
        }
    }

    @Test func dumpAgreesWithTheOracleOnAStrictFile() throws {
        // Strict OOXML end to end through the CLI (the reader tests cover every corpus file).
        let run = try Celda.run(["dump", corpus("sheetjs/sheet_visibility_strict.xlsx")])
        #expect(run.status == 0)
        let expected = try oracleRows("sheetjs/sheet_visibility_strict.calamine-only.json", sheet: "Visible")
        #expect(!expected.isEmpty)
        #expect((run.jsonRows as NSArray).isEqual(to: expected), "python-calamine's rows: \(run.stdout)")
    }

    @Test func lineAndParagraphSeparatorsAreEscapedSoEveryRowIsOneLine() throws {
        // 42 U+2028/U+2029 inside text cells; python-calamine and openpyxl read them as text.
        let file = "roo/name_with_leading_slash"
        let run = try Celda.run(["dump", corpus(file + ".xlsx")])
        #expect(run.status == 0)
        let raw = run.stdout.unicodeScalars.filter { $0.value == 0x2028 || $0.value == 0x2029 }.count
        #expect(raw == 0, "no raw separator")
        let escaped = run.stdout.components(separatedBy: "\\u2028").count - 1 + run.stdout.components(separatedBy: "\\u2029").count - 1
        #expect(escaped == 42, "each one escaped as \\u2028 / \\u2029")

        let oracleData = try Data(contentsOf: URL(fileURLWithPath: corpus(file + ".expected.json")))
        let oracle = try #require(try JSONSerialization.jsonObject(with: oracleData) as? [String: Any])
        let sheet = try #require((oracle["sheets"] as? [[String: Any]])?.first)
        let expectedRows = try #require(sheet["rows"] as? [[Any]])
        // Python's str.splitlines() breaks at every one of these; a reader using it must see one row per line.
        let breaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
        let lines = run.stdout.unicodeScalars.split(omittingEmptySubsequences: false) { breaks.contains($0.value) }
        #expect(lines.count - 1 == expectedRows.count, "splitlines() gives one line per sheet row")

        // And the escaped text decodes back to the outside readers' text.
        var checked = 0
        for (r, row) in run.jsonRows.enumerated() {
            guard let cells = row as? [Any], r < expectedRows.count else { continue }
            for (c, expected) in expectedRows[r].enumerated() {
                guard let text = expected as? String, text.unicodeScalars.contains(where: { $0.value == 0x2028 || $0.value == 0x2029 }) else { continue }
                #expect(c < cells.count && cells[c] as? String == text, "row \(r + 1) column \(c + 1)")
                checked += 1
            }
        }
        #expect(checked > 0, "the oracle has text cells with separators")
    }

    @Test func inspectListsSheetsWithVisibilityTypeAndSize() throws {
        let run = try Celda.run(["inspect", corpus("calamine/any_sheets.xlsx"), "--json"])
        #expect(run.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let sheets = try #require(report["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["Visible", "Hidden", "VeryHidden", "Chart"])
        #expect(sheets.map { $0["visibility"] as? String } == ["visible", "hidden", "veryHidden", "visible"])
        #expect(sheets.map { $0["type"] as? String } == ["worksheet", "worksheet", "worksheet", "chartsheet"])
        #expect(sheets[0]["rows"] as? Int == 5)
        #expect(sheets[0]["columns"] as? Int == 2)
        #expect(sheets[3]["rows"] == nil, "a chartsheet has no rows")

        let text = try Celda.run(["inspect", corpus("calamine/any_sheets.xlsx")])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Hidden [oculta]"))
        #expect(text.stdout.contains("VeryHidden [muy oculta]"))
    }

    @Test func inspectCSVShowsEncodingAndDelimiter() throws {
        let csv = try temporaryFile("base.csv", Array("Fecha;Cuenta\n01/02/2024;123\n".utf8) + [0xE9, 0x0A])
        let run = try Celda.run(["inspect", csv, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["encoding"] as? String == "Windows-1252")
        #expect(report["delimiter"] as? String == ";")
        #expect(((report["sheets"] as? [[String: Any]])?.first?["rows"] as? Int) == 3)
    }
}

/// Rows and cells that arrive in an order a stream cannot honour.
struct DumpOrderingTests {
    @Test func cellsOutOfColumnOrderArePlacedByColumn() throws {
        let path = try WorkbookFixture.single(#"<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="A1"><v>9</v></c></row>"#).write()
        let run = try Celda.run(["dump", path])
        #expect(run.status == 0)
        #expect(run.stdout == "[9,null,3]\n", "sorted by column; a column given twice keeps its last value")
    }

    @Test func aRowThatComesBackAfterLaterRowsIsReportedNotDropped() throws {
        let path = try WorkbookFixture.single(#"<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#).write("desordenado.xlsx")
        let run = try Celda.run(["dump", path])
        #expect(run.status == 1)
        #expect(run.stdout == "[1]\n[]\n[3]\n")
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("«desordenado.xlsx»") && run.stderr.contains("las filas 2"), "\(run.stderr)")
    }
}
