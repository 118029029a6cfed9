import Foundation
import Testing
@testable import XLSXWriter
import XLSXReader

/// One small workbook per feature, checked the way a supervisor would meet it: through an
/// outside reader (openpyxl sees the structure, python-calamine the values).
struct FeatureTests {
    private func build(_ name: String, _ body: (Workbook, Worksheet) throws -> Void) throws -> (String, OutsideView, Workbook) {
        let path = try scratchFolder().appendingPathComponent(name).path
        let book = try Workbook(path: path)
        let sheet = try book.addWorksheet("Base")
        try body(book, sheet)
        try book.save()
        return (path, try OutsideView.read(path), book)
    }

    @Test func linksRichTextNotesAndMergedRanges() throws {
        let (path, view, _) = try build("celdas.xlsx") { _, s in
            try s.writeLink("https://www.claro.com.co/", row: 0, column: 0, text: "Portal")
            try s.writeInternalLink(toSheet: "Base", cell: "D10", row: 1, column: 0, text: "Ir a D10")
            var bold = CellFormat()
            bold.bold = true
            try s.writeRichText([("Causal: ", bold), ("ME11", nil)], row: 2, column: 0)
            try s.writeNote("Revisar en RR", row: 3, column: 0, author: "Celda")
            try s.write(.text("con nota"), row: 3, column: 0)
            var center = CellFormat()
            center.horizontal = .center
            try s.merge(CellRange(firstRow: 5, firstColumn: 0, lastRow: 6, lastColumn: 3), text: "Compromiso de mejoramiento", format: center)
        }
        #expect(view.cell("Base", "A1")["link"] as? String == "https://www.claro.com.co/")
        #expect(view.cell("Base", "A1")["value"] as? String == "Portal")
        #expect(view.cell("Base", "A2")["link"] as? String == "#'Base'!D10")
        #expect(view.cell("Base", "A3")["value"] as? String == "Causal: ME11")
        #expect(view.cell("Base", "A4")["comment"] as? String == "Revisar en RR")
        #expect(view.sheet("Base")["merged"] as? [String] == ["A6:D7"])
        let ours = try readBack(path)
        #expect(ours[3]?[0]?.value == .text("Causal: ME11"))
        #expect(ours[6]?[0]?.value == .text("Compromiso de mejoramiento"))
    }

    @Test func widthsFreezeAndAutofilter() throws {
        let (_, view, _) = try build("vista.xlsx") { _, s in
            try s.writeRow([.text("Fecha"), .text("Cuenta"), .text("Notas")], row: 0)
            try s.writeRow([.date(serial: 45356, includesTime: false), .text("123"), .text("x")], row: 1)
            try s.setColumnWidth(12, columns: 0...1)
            try s.setColumnWidth(48, columns: 2...2)
            try s.freezePanes(row: 1)
            try s.autofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 2))
        }
        let sheet = view.sheet("Base")
        #expect(sheet["freeze"] as? String == "A2")
        #expect(sheet["autofilter"] as? String == "A1:C2")
        let widths = sheet["widths"] as? [String: Double] ?? [:]
        #expect(abs((widths["C"] ?? 0) - 48.7) < 1, "\(widths)")
    }

    @Test func tablesWithStyleAndTotalRow() throws {
        let (_, view, _) = try build("tabla.xlsx") { _, s in
            try s.writeRow([.text("Causal"), .text("Casos")], row: 0)
            try s.writeRow([.text("ME11"), .number(7)], row: 1)
            try s.writeRow([.text("ME13"), .number(3)], row: 2)
            try s.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 1), name: "Resumen",
                           columns: [.init(header: "Causal", total: .label("Total")), .init(header: "Casos", total: .sum(10))],
                           style: 9, totalRow: true)
        }
        let tables = view.sheet("Base")["tables"] as? [String: Any] ?? [:]
        let resumen = tables["Resumen"] as? [String: Any] ?? [:]
        #expect(resumen["ref"] as? String == "A1:B4")
        #expect(resumen["style"] as? String == "TableStyleMedium9")
        #expect(resumen["totals"] as? Bool == true)
        #expect(resumen["columns"] as? [String] == ["Causal", "Casos"])
        // A structured reference inside its own table may leave the table name out.
        #expect(view.cell("Base", "B4")["value"] as? String == "=SUBTOTAL(109,[Casos])")
        #expect((view.cell("Base", "B4")["cached"] as? NSNumber)?.doubleValue == 10, "the total readers see without calculating")
    }

    @Test func dropdownsInlineAndFromAHiddenListSheet() throws {
        let estados = ["Pendiente", "En gestión", "Escalado", "Solucionado", "Cerrado"]
        let causales = (1...13).map { String(format: "ME%02d · ", $0) + String(repeating: "causal larga ", count: 3) }
        let (_, view, book) = try build("listas.xlsx") { _, s in
            try s.addDropdown(CellRange(firstRow: 1, firstColumn: 0, lastRow: 100, lastColumn: 0), values: estados)
            try s.addDropdown(CellRange(firstRow: 1, firstColumn: 1, lastRow: 100, lastColumn: 1), values: causales, listSheet: "Listas")
        }
        let validations = view.sheet("Base")["validations"] as? [[String: Any]] ?? []
        #expect(validations.count == 2)
        let inline = validations.first { $0["sqref"] as? String == "A2:A101" }
        #expect(inline?["type"] as? String == "list")
        #expect(inline?["formula1"] as? String == "\"" + estados.joined(separator: ",") + "\"")
        let ranged = validations.first { $0["sqref"] as? String == "B2:B101" }
        #expect(ranged?["formula1"] as? String == "'Listas'!$A$1:$M$1", "the long list lives on the list sheet")
        #expect(view.sheet("Listas")["state"] as? String == "hidden")
        #expect(view.calamine("Listas").first?.compactMap { $0 as? String } == causales)
        #expect(book.worksheets.map(\.name) == ["Base", "Listas"])
    }

    @Test func anAccentedListOver255BytesGoesToTheListSheet() throws {
        // 20 options of 11 characters and 13 bytes: 239 characters, 279 bytes with the commas.
        let options = (0..<20).map { String(format: "Gestión %02d", $0) + "ñ" }
        #expect(options.joined(separator: ",").count < 255 && options.joined(separator: ",").utf8.count > 255)
        let (_, view, _) = try build("acentos.xlsx") { _, s in
            try s.addDropdown(CellRange(firstRow: 1, firstColumn: 0, lastRow: 10, lastColumn: 0), values: options)
        }
        let validations = view.sheet("Base")["validations"] as? [[String: Any]] ?? []
        #expect(validations.first?["formula1"] as? String == "'Listas'!$A$1:$T$1", "\(validations)")
        #expect(view.calamine("Listas").first?.compactMap { $0 as? String } == options)
    }

    /// 20 options "Gestión 00"… (10 characters, 11 bytes) and a last one padded so the list
    /// joined with commas is `bytes` UTF-8 bytes long, 20+ characters fewer.
    private func accentedList(bytes: Int) -> [String] {
        let options = (0..<20).map { String(format: "Gestión %02d", $0) }
        let used = options.reduce(0) { $0 + $1.utf8.count } + options.count // with the comma before the last
        return options + ["Cerrado ñ" + String(repeating: "x", count: bytes - used - "Cerrado ñ".utf8.count)]
    }

    @Test func anAccentedListOfExactly255BytesStaysInline() throws {
        // libxlsxwriter 1.1.4 copies the list into a buffer of 255 + 3 bytes (quotes, NUL):
        // 255 bytes fit exactly (valgrind: no error on this list from C), 256 overflow it.
        let options = accentedList(bytes: 255)
        let joined = options.joined(separator: ",")
        #expect(joined.utf8.count == 255 && joined.count == 234)
        let (_, view, book) = try build("255.xlsx") { _, s in
            try s.addDropdown(CellRange(firstRow: 1, firstColumn: 0, lastRow: 10, lastColumn: 0), values: options)
        }
        let validations = view.sheet("Base")["validations"] as? [[String: Any]] ?? []
        #expect(validations.first?["type"] as? String == "list")
        #expect(validations.first?["formula1"] as? String == "\"" + joined + "\"", "\(validations)")
        #expect(book.worksheets.map(\.name) == ["Base"], "no list sheet")
    }

    @Test func anAccentedListOf256BytesGoesToTheListSheet() throws {
        let options = accentedList(bytes: 256)
        #expect(options.joined(separator: ",").utf8.count == 256 && options.joined(separator: ",").count == 235)
        let (_, view, _) = try build("256.xlsx") { _, s in
            try s.addDropdown(CellRange(firstRow: 1, firstColumn: 0, lastRow: 10, lastColumn: 0), values: options)
        }
        let validations = view.sheet("Base")["validations"] as? [[String: Any]] ?? []
        #expect(validations.first?["formula1"] as? String == "'Listas'!$A$1:$U$1", "\(validations)")
        #expect(view.calamine("Listas").first?.compactMap { $0 as? String } == options)
    }

    @Test func twoHundredFiftySixEmptyOptionsGoToTheListSheet() throws {
        // 255 commas: 255 bytes, but libxlsxwriter 1.1.4 counts the options in a uint8_t that
        // wraps at 256 and appends forever (glibc aborts: "buffer overflow detected").
        let options = Array(repeating: "", count: 256)
        let (_, view, _) = try build("vacias.xlsx") { _, s in
            try s.addDropdown(CellRange(firstRow: 1, firstColumn: 0, lastRow: 10, lastColumn: 0), values: options)
        }
        let validations = view.sheet("Base")["validations"] as? [[String: Any]] ?? []
        #expect(validations.first?["formula1"] as? String == "'Listas'!$A$1:$IV$1", "\(validations)")
    }

    @Test func conditionalFormats() throws {
        var red = CellFormat()
        red.fillColor = 0xFFC7CE
        let (_, view, _) = try build("alarmas.xlsx") { _, s in
            for r in 0..<5 { try s.write(.number(Double(r)), row: r, column: 0) }
            try s.addConditionalFormat(CellRange(firstRow: 0, firstColumn: 0, lastRow: 4, lastColumn: 0), rule: .cellValue(.greaterThan, 2), format: red)
            try s.addConditionalFormat(CellRange(firstRow: 0, firstColumn: 1, lastRow: 4, lastColumn: 1), rule: .formula("=$A1>3"), format: red)
            try s.addConditionalFormat(CellRange(firstRow: 0, firstColumn: 2, lastRow: 4, lastColumn: 2), rule: .cellText("Vencido"), format: red)
            try s.addConditionalFormat(CellRange(firstRow: 0, firstColumn: 0, lastRow: 4, lastColumn: 0), rule: .dataBar(color: 0x638EC6))
        }
        let rules = (view.sheet("Base")["conditional"] as? [[String: Any]] ?? []).flatMap { entry in
            (entry["types"] as? [String] ?? []).map { "\(entry["range"] as? String ?? ""):\($0)" }
        }
        #expect(Set(rules) == ["A1:A5:cellIs", "B1:B5:expression", "C1:C5:cellIs", "A1:A5:dataBar"], "\(rules)")
    }

    @Test func nativeCharts() throws {
        let (_, view, _) = try build("graficos.xlsx") { book, s in
            try s.writeRow([.text("Causal"), .text("Casos")], row: 0)
            for (i, (c, n)) in [("ME11", 7.0), ("ME13", 3.0), ("ME02", 2.0)].enumerated() {
                try s.writeRow([.text(c), .number(n)], row: i + 1)
            }
            for kind in [Chart.Kind.column, .bar, .pie, .line] {
                let chart = try book.addChart(kind)
                try chart.addSeries(name: "Casos", sheet: "Base", categories: CellRange(firstRow: 1, firstColumn: 0, lastRow: 3, lastColumn: 0),
                                    values: CellRange(firstRow: 1, firstColumn: 1, lastRow: 3, lastColumn: 1), dataLabels: true)
                try chart.setTitle("Causales")
                if kind != .pie { try chart.setAxisNames(x: "Causal", y: "Casos") }
                try s.insertChart(chart, row: 5, column: 3)
            }
        }
        #expect(view.sheet("Base")["charts"] as? Int == 4)
    }

    @Test func printSetupForTheFeedbackForm() throws {
        let (_, view, _) = try build("impresion.xlsx") { _, s in
            for r in 0..<60 { try s.write(.text("fila \(r)"), row: r, column: 0) }
            var setup = PrintSetup()
            setup.orientation = .landscape
            setup.paper = .letter
            setup.fitToPages = (1, 0)
            setup.margins = (0.5, 0.5, 0.75, 0.75)
            setup.repeatRows = 0...1
            setup.header = "&CCompromiso de mejoramiento"
            setup.footer = "&CPágina &P de &N"
            setup.printArea = CellRange(firstRow: 0, firstColumn: 0, lastRow: 59, lastColumn: 5)
            setup.gridlines = true
            try s.setPrint(setup)
            try s.protect()
        }
        let print = view.sheet("Base")["print"] as? [String: Any] ?? [:]
        #expect(print["orientation"] as? String == "landscape")
        #expect((print["paper"] as? NSNumber)?.intValue == 1)
        #expect(print["fit"] as? Bool == true)
        // fitToWidth="1" is the schema's default, so it is left out of the XML and openpyxl says nil.
        #expect(((print["fit_width"] as? NSNumber)?.intValue ?? 1) == 1)
        #expect((print["fit_height"] as? NSNumber)?.intValue == 0)
        #expect(print["title_rows"] as? String == "$1:$2")
        #expect(print["area"] as? String == "'Base'!$A$1:$F$60")
        #expect(print["header"] as? String == "Compromiso de mejoramiento")
        #expect(print["footer"] as? String == "Página &P de &N")
        #expect(print["gridlines"] as? Bool == true)
        #expect(view.sheet("Base")["protected"] as? Bool == true)
    }

    @Test func propertiesNamesVisibilityAndActiveSheet() throws {
        let (path, view, _) = try build("libro.xlsx") { book, base in
            var p = Workbook.Properties()
            p.title = "Base Mal Escalados 22-03 - gestionado"
            p.author = "Celda"
            p.keywords = "mal escalados"
            try book.setProperties(p)
            try book.setCustomProperty("celda.kind", .text("mal-escalados"))
            try book.setCustomProperty("celda.rows", .integer(40))
            try book.defineName("Datos", formula: "=Base!$A$1:$C$41")
            let oculta = try book.addWorksheet("Oculta")
            try oculta.hide()
            let meta = try book.addWorksheet("_celda")
            try meta.write(.text("hash"), row: 0, column: 0)
            try meta.hide(veryHidden: true)
            let resumen = try book.addWorksheet("Resumen")
            try resumen.activate()
            _ = base
        }
        #expect((view.json["properties"] as? [String: Any])?["title"] as? String == "Base Mal Escalados 22-03 - gestionado")
        #expect((view.json["properties"] as? [String: Any])?["creator"] as? String == "Celda")
        #expect((view.json["custom"] as? [String: Any])?["celda.kind"] as? String == "mal-escalados")
        #expect(((view.json["custom"] as? [String: Any])?["celda.rows"] as? NSNumber)?.intValue == 40)
        #expect((view.json["defined_names"] as? [String: Any])?["Datos"] as? String == "Base!$A$1:$C$41")
        #expect(view.sheet("Oculta")["state"] as? String == "hidden")
        #expect(view.sheet("_celda")["state"] as? String == "veryHidden")
        #expect(view.json["active"] as? String == "Resumen")
        let ours = try XLSXWorkbook(path: path)
        #expect(ours.sheets.map(\.visibility) == [.visible, .hidden, .veryHidden, .visible])
    }
}
