import CeldaTestSupport
import Foundation
import Testing

/// ARCHITECTURE.md's CLI contract and README's table "celda dump prints…", run through the
/// built binary on workbooks made for it: which sheet `--sheet` picks, and every kind of cell
/// in JSON lines and in CSV.
struct CLIContractTests {
    // MARK: choosing the sheet

    /// Five sheets, each saying its own name in A1, so a wrong choice shows: the first one is
    /// hidden; "BASE" differs from "Base" only in case; a sheet is named "2" although the
    /// second sheet is "Base".
    static let sheetsBook: String = {
        var f = WorkbookFixture()
        func sheet(_ name: String, state: String? = nil) -> WorkbookFixture.Sheet {
            WorkbookFixture.Sheet(name: name, xml: WorkbookFixture.worksheet(
                #"<row r="1"><c r="A1" t="inlineStr"><is><t>hoja \#(name)</t></is></c></row>"#), state: state)
        }
        f.sheets = [sheet("Oculta", state: "hidden"), sheet("Base"), sheet("Resumen"), sheet("BASE"), sheet("2")]
        return (try? f.write("hojas.xlsx")) ?? "/nonexistent/hojas.xlsx"
    }()

    private func dumpedSheet(_ arguments: [String]) throws -> String? {
        let run = try Celda.run(["dump", CLIContractTests.sheetsBook] + arguments)
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return (run.jsonRows.first as? [Any])?.first as? String
    }

    @Test func theDefaultIsTheFirstVisibleWorksheet() throws {
        #expect(try dumpedSheet([]) == "hoja Base", "the hidden first sheet is skipped")
    }

    @Test func aNameIsMatchedExactlyFirstThenIgnoringCase() throws {
        #expect(try dumpedSheet(["--sheet", "Base"]) == "hoja Base")
        #expect(try dumpedSheet(["--sheet", "BASE"]) == "hoja BASE", "an exact match wins over a case-folded one")
        #expect(try dumpedSheet(["--sheet", "base"]) == "hoja Base", "no exact match: the first one ignoring case")
        #expect(try dumpedSheet(["--sheet", "rESUMEN"]) == "hoja Resumen")
        #expect(try dumpedSheet(["--sheet", "Oculta"]) == "hoja Oculta", "a hidden sheet by name")
    }

    @Test func aNumberIsAOneBasedPositionUnlessASheetHasThatName() throws {
        #expect(try dumpedSheet(["--sheet", "1"]) == "hoja Oculta", "positions count hidden sheets")
        #expect(try dumpedSheet(["--sheet", "3"]) == "hoja Resumen")
        #expect(try dumpedSheet(["--sheet", "4"]) == "hoja BASE")
        #expect(try dumpedSheet(["--sheet", "2"]) == "hoja 2", "the sheet named «2», not the second sheet")
    }

    @Test func aSheetThatIsNotThereIsOneLineNamingTheOthers() throws {
        for selector in ["6", "0", "Nada"] {
            let run = try Celda.run(["dump", CLIContractTests.sheetsBook, "--sheet", selector])
            #expect(run.status == 1, "\(selector)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderrLines.count == 1)
            #expect(run.stderr.contains("no hay una hoja «\(selector)»") && run.stderr.contains("«Resumen»"), "\(run.stderr)")
        }
    }

    // MARK: every kind of cell

    /// One cell of each kind README's table lists, in row 1, with a gap (K1) and an empty row 2;
    /// row 3 holds only text. Styles: 1 date (14), 2 date-time (22), 3 time (21), 4 elapsed
    /// `[h]:mm:ss` (46), 5 a custom time `hh:mm`, 6 a custom elapsed `[mm]:ss`.
    static let cellsBook: String = {
        var f = WorkbookFixture.single("""
            <row r="1">\
            <c r="A1"><v>12</v></c>\
            <c r="B1"><v>1.5</v></c>\
            <c r="C1" t="b"><v>1</v></c>\
            <c r="D1" t="b"><v>0</v></c>\
            <c r="E1" t="inlineStr"><is><t>12345678</t></is></c>\
            <c r="F1" s="1"><v>45356</v></c>\
            <c r="G1" s="2"><v>45356.590277777781</v></c>\
            <c r="H1" s="3"><v>0.59027777777777779</v></c>\
            <c r="I1" s="4"><v>1.5</v></c>\
            <c r="J1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
            <c r="L1" t="inlineStr"><is><t>dice "sí", no</t></is></c>\
            <c r="M1" t="inlineStr"><is><t xml:space="preserve">a&#10;b</t></is></c>\
            <c r="N1" s="5"><v>0.25</v></c>\
            <c r="O1" s="6"><v>0.0625</v></c>\
            </row>\
            <row r="3"><c r="B3" t="inlineStr"><is><t>tercera</t></is></c></row>
            """)
        f.numFmts = [(164, "hh:mm"), (165, "[mm]:ss")]
        f.cellXfs = [0, 14, 22, 21, 46, 164, 165]
        return (try? f.write("celdas.xlsx")) ?? "/nonexistent/celdas.xlsx"
    }()

    @Test func jsonLinesTypeEveryCell() throws {
        let run = try Celda.run(["dump", CLIContractTests.cellsBook])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == """
            [12,1.5,true,false,"12345678",{"date":"2024-03-05"},{"datetime":"2024-03-05T14:10:00"},\
            {"time":"14:10:00"},{"duration":"PT36H0M0S"},{"error":"#DIV/0!"},null,"dice \\"sí\\", no","a\\nb",\
            {"time":"06:00:00"},{"duration":"PT1H30M0S"}]
            []
            [null,"tercera"]

            """)
    }

    @Test func csvWritesEveryCellAsTheTableSays() throws {
        let run = try Celda.run(["dump", CLIContractTests.cellsBook, "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
            12,1.5,TRUE,FALSE,12345678,2024-03-05,2024-03-05T14:10:00,14:10:00,PT36H0M0S,#DIV/0!,,"dice ""sí"", no","a
            b",06:00:00,PT1H30M0S

            ,tercera

            """)
    }

    @Test func theValuesAreWhatPythonCalamineReads() throws {
        // The expected cells above are this project's contract; an outside reader must see the
        // same values in the same file (calamine gives dates, times and durations as Python
        // objects: isoformat strings and seconds here).
        let outside = try OutsideView.read(CLIContractTests.cellsBook)
        let row = try #require(outside.calamine("Hoja1").first)
        func at(_ c: Int) -> Any? { c < row.count ? row[c] : nil }
        #expect((at(0) as? NSNumber)?.doubleValue == 12)
        #expect((at(1) as? NSNumber)?.doubleValue == 1.5)
        #expect(at(2) as? Bool == true)
        #expect(at(3) as? Bool == false)
        #expect(at(4) as? String == "12345678")
        #expect(at(5) as? String == "2024-03-05")
        #expect((at(6) as? String)?.hasPrefix("2024-03-05T14:10:00") == true, "\(String(describing: at(6)))")
        #expect((at(7) as? String)?.hasPrefix("14:10:00") == true, "\(String(describing: at(7)))")
        #expect((at(8) as? NSNumber)?.doubleValue.rounded() == 129_600, "36 hours: \(String(describing: at(8)))")
        #expect(at(11) as? String == "dice \"sí\", no")
        #expect(at(12) as? String == "a\nb")
        #expect((at(13) as? String)?.hasPrefix("06:00:00") == true, "\(String(describing: at(13)))")
        #expect((at(14) as? NSNumber)?.doubleValue.rounded() == 5400, "90 minutes: \(String(describing: at(14)))")
        let error = outside.cell("Hoja1", "J1")
        #expect(error["cached"] as? String == "#DIV/0!" && error["type"] as? String == "f", "openpyxl: \(error)")
    }
}
