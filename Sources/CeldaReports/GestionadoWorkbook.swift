import CeldaCore
import XLSXReader
import XLSXWriter

/// Everything a gestionado workbook is made from: the source as read, what the core found.
public struct GestionadoInput {
    public var sourceName: String
    public var sheetName: String
    public var sourceHash: String
    public var isCSV: Bool
    public var kindID: String
    public var kind: Templates.Kind
    public var mapping: HeaderMatcher.Mapping
    /// The header row and every row below it, as read.
    public var header: Row
    public var rows: [Row]
    public var records: [Record]
    public var outcomes: [RowOutcome]
    public var issues: [RowIssue]
    public var today: CalendarDate
    public var language: String
    /// Set when the input was itself a gestionado workbook (its edits are in `outcomes`).
    public var reprocessedFrom: String?

    public init(sourceName: String, sheetName: String, sourceHash: String, isCSV: Bool, kindID: String, kind: Templates.Kind,
                mapping: HeaderMatcher.Mapping, header: Row, rows: [Row], records: [Record], outcomes: [RowOutcome], issues: [RowIssue],
                today: CalendarDate, language: String) {
        self.sourceName = sourceName
        self.sheetName = sheetName
        self.sourceHash = sourceHash
        self.isCSV = isCSV
        self.kindID = kindID
        self.kind = kind
        self.mapping = mapping
        self.header = header
        self.rows = rows
        self.records = records
        self.outcomes = outcomes
        self.issues = issues
        self.today = today
        self.language = language
    }
}

/// What was written, for the summary line and the tests.
public struct GestionadoSummary: Equatable, Sendable {
    public var rows: Int
    public var issues: Int
    /// Primary causal code → rows.
    public var causals: [String: Int]
    public var alarms: Int
    public var path: String
}

/// Writes `<input> - gestionado.xlsx` (DOMAIN.md §4.1): the header row in row 1 and every input
/// row and column as it was (values and types), the back-office columns after them, dropdowns,
/// alarms highlighted, filter, frozen header, an `Incidencias` sheet linking each problem to its
/// cell, and very hidden metadata so the file is recognised when it comes back.
public enum GestionadoWorkbook {
    public static let metadataSheet = "_celda"
    /// Rows from which the workbook is written in constant-memory mode.
    public static let constantMemoryFrom = 5_000

    public static func write(_ input: GestionadoInput, templates: Templates, to path: String, version: String) throws -> GestionadoSummary {
        let lang = input.language
        func label(_ key: String) -> String { templates.label(key, lang) }
        // Large bases are written in constant-memory mode: rows go to disk as they are finished
        // (the loop below writes strictly row after row), strings inline.
        var options = Workbook.Options()
        options.constantMemory = input.rows.count > constantMemoryFrom
        let book = try Workbook(path: path, options: options)
        do {
            let sheet = try book.addWorksheet(input.sheetName)
            try sheet.setRowHeight(30, row: 0) // before row 0 is written: constant-memory mode needs it first
            let headerFormat: CellFormat = {
                var f = CellFormat()
                f.bold = true
                f.fillColor = 0xDDEBF7
                f.border = .thin
                f.wrap = true
                f.vertical = .center
                return f
            }()
            var backFormat = headerFormat
            backFormat.fillColor = 0xFFF2CC
            let headerStyle = book.style(headerFormat), backStyle = book.style(backFormat)

            // Original columns: as many as the widest row.
            let originalWidth = ([input.header] + input.rows).map { ($0.cells.map(\.column).max() ?? -1) + 1 }.max() ?? 0
            for cell in input.header.cells {
                try sheet.write(CellConversion.writable(cell.value).0, row: 0, column: cell.column, style: headerStyle)
            }
            let isMal = input.kindID == "mal-escalados"
            let backKeys = isMal
                ? ["col_causal", "col_causales_detectadas", "col_evidencia", "col_procede", "col_estado", "col_observaciones", "col_dias_gestion", "col_alarma"]
                : ["col_causal_normalizada", "col_area_sugerida", "col_estado", "col_observaciones", "col_dias_gestion", "col_alarma"]
            for (i, key) in backKeys.enumerated() { try sheet.write(.text(label(key)), row: 0, column: originalWidth + i, style: backStyle) }
            func backColumn(_ key: String) -> Int { originalWidth + (backKeys.firstIndex(of: key) ?? 0) }

            let offset = input.mapping.headerRow - 1 // input row n → output row n - headerRow (0-based: n - headerRow)
            let fieldByColumn = Dictionary(input.mapping.columns.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
            let typeByField = Dictionary(input.kind.fields.map { ($0.field, $0.type) }, uniquingKeysWith: { a, _ in a })
            let outcomeByRow = Dictionary(input.outcomes.map { ($0.row, $0) }, uniquingKeysWith: { a, _ in a })
            var extraIssues: [(row: Int, column: Int, message: String)] = []
            var styles: [String: CellStyle] = [:]
            func style(_ code: String?) -> CellStyle? { code.map { c in styles[c] ?? { let s = book.style(.numberFormat(c)); styles[c] = s; return s }() } }

            var summary = GestionadoSummary(rows: 0, issues: 0, causals: [:], alarms: 0, path: path)

            for row in input.rows {
                let outRow = row.number - offset - 1
                for cell in row.cells {
                    var value = cell.value
                    // From CSV every cell is text: fields typed as dates or numbers become typed cells.
                    if input.isCSV, let field = fieldByColumn[cell.column], let type = typeByField[field], case .text = value {
                        switch FieldTyping.value(value, as: type) {
                        case .date(let d, let seconds)?:
                            let serial = Double(d.dayNumber + CalendarDate.serialOf19700101) + Double(seconds ?? 0) / 86_400
                            value = .date(SpreadsheetDate(kind: seconds == nil ? .date : .dateTime, serial: serial))
                        case .number(let n)? where type == .number: value = .number(n)
                        default: break
                        }
                    }
                    let (writable, format, note) = CellConversion.writable(value)
                    if let note { extraIssues.append((row.number, cell.column, note)) }
                    if let formula = cell.formula {
                        // Title rows are gone and rows moved up: the formula's references would no longer hold.
                        extraIssues.append((row.number, cell.column, "tenía la fórmula «=\(formula)»; se escribió su valor"))
                    }
                    try sheet.write(writable, row: outRow, column: cell.column, style: style(format))
                }
                guard let o = outcomeByRow[row.number] else { continue }
                summary.rows += 1
                if let dias = o.diasGestion { try sheet.write(.number(Double(dias)), row: outRow, column: backColumn("col_dias_gestion")) }
                if o.alarm { summary.alarms += 1 }
                try sheet.write(.text(label(o.alarm ? "alarma_si" : "alarma_no")), row: outRow, column: backColumn("col_alarma"))
                try sheet.write(.text(o.estado), row: outRow, column: backColumn("col_estado"))
                if let obs = o.observaciones { try sheet.write(.text(obs), row: outRow, column: backColumn("col_observaciones")) }
                if let code = o.causalCode { summary.causals[code, default: 0] += 1 }
                if isMal {
                    if let c = o.causal { try sheet.write(.text(c), row: outRow, column: backColumn("col_causal")) }
                    if !o.detected.isEmpty { try sheet.write(.text(o.detected.joined(separator: ", ")), row: outRow, column: backColumn("col_causales_detectadas")) }
                    if let e = o.evidence { try sheet.write(.text(e), row: outRow, column: backColumn("col_evidencia")) }
                    if let p = o.procede { try sheet.write(.text(p), row: outRow, column: backColumn("col_procede")) }
                } else {
                    if let c = o.causal { try sheet.write(.text(c), row: outRow, column: backColumn("col_causal_normalizada")) }
                    if let a = o.area { try sheet.write(.text(a), row: outRow, column: backColumn("col_area_sugerida")) }
                }
            }

            // Layout: what a person needs to work the sheet.
            let lastRow = max(1, (input.rows.map(\.number).max() ?? input.mapping.headerRow) - offset - 1)
            let lastColumn = originalWidth + backKeys.count - 1
            try sheet.freezePanes(row: 1)
            try sheet.autofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: lastRow, lastColumn: lastColumn))
            // Widths from the content a person will read: the header and the first 500 rows.
            var longest = [Int](repeating: 0, count: originalWidth)
            for row in [input.header] + input.rows.prefix(500) {
                for cell in row.cells where cell.column < originalWidth {
                    let length: Int
                    if case .date = cell.value { length = 17 } else { length = FieldTyping.display(cell.value).count }
                    longest[cell.column] = max(longest[cell.column], row.number == input.header.number ? min(length, 24) : length)
                }
            }
            for column in 0..<originalWidth {
                try sheet.setColumnWidth(min(max(Double(longest[column]) * 1.1 + 2, 8), 50), columns: column...column)
            }
            var print = PrintSetup()
            print.orientation = .landscape
            print.repeatRows = 0...0
            print.footer = "&L" + input.sourceName + "&RPágina &P de &N"
            try sheet.setPrint(print)
            for key in backKeys {
                let width: Double = ["col_evidencia": 50, "col_observaciones": 35, "col_causal": 34, "col_causal_normalizada": 28, "col_area_sugerida": 24][key] ?? 14
                try sheet.setColumnWidth(width, columns: backColumn(key)...backColumn(key))
            }
            let dataRange = { (column: Int) in CellRange(firstRow: 1, firstColumn: column, lastRow: max(lastRow, 1) + 200, lastColumn: column) }
            let listSheet = label("sheet_listas")
            try sheet.addDropdown(dataRange(backColumn("col_estado")),
                                  values: isMal ? templates.estados.estados_mal_escalados : templates.estados.estados, listSheet: listSheet)
            if isMal {
                try sheet.addDropdown(dataRange(backColumn("col_causal")), values: templates.malEscalados.map { "\($0.code) · \($0.label)" }, listSheet: listSheet)
                try sheet.addDropdown(dataRange(backColumn("col_procede")), values: templates.estados.procede, listSheet: listSheet)
            } else {
                try sheet.addDropdown(dataRange(backColumn("col_causal_normalizada")), values: templates.tipificador.map { "\($0.code) · \($0.label)" }, listSheet: listSheet)
            }
            var red = CellFormat()
            red.fillColor = 0xFFC7CE
            red.fontColor = 0x9C0006
            try sheet.addConditionalFormat(dataRange(backColumn("col_alarma")), rule: .cellText(label("alarma_si")), format: red)

            // Incidencias: one row per problem, linked to its cell.
            let incidencias = try book.addWorksheet(label("sheet_incidencias"))
            try incidencias.writeRow(["inc_fila", "inc_celda", "inc_campo", "inc_codigo", "inc_descripcion", "inc_ir"].map { .text(label($0)) },
                                     row: 0, formats: Array(repeating: headerFormat, count: 6))
            var r = 1
            let all = input.issues.map { ($0.row, $0.column, $0.field ?? "", $0.code.rawValue, $0.message) }
                + extraIssues.map { ($0.row, Optional($0.column), "", "valor-convertido", $0.message) }
            for (row, column, field, code, message) in all.sorted(by: { ($0.0, $0.1 ?? -1) < ($1.0, $1.1 ?? -1) }) {
                let outRow = row - offset - 1
                let ref = CellReference.name(row: outRow + 1, column: column ?? 0)
                try incidencias.writeRow([.number(Double(outRow + 1)), .text(column == nil ? "" : ref), .text(field), .text(code), .text(message)], row: r)
                try incidencias.writeInternalLink(toSheet: sheet.name, cell: ref, row: r, column: 5, text: label("inc_ir_texto"))
                r += 1
            }
            summary.issues = all.count
            try incidencias.freezePanes(row: 1)
            try incidencias.setColumnWidth(8, columns: 0...1)
            try incidencias.setColumnWidth(18, columns: 2...3)
            try incidencias.setColumnWidth(70, columns: 4...4)

            // Metadata, very hidden: recognises the file when it comes back.
            let meta = try book.addWorksheet(metadataSheet)
            let pairs: [(String, String)] = [
                ("kind", input.kindID), ("source", input.sourceName), ("source_sha256", input.sourceHash),
                ("celda_version", version), ("header_row", String(input.mapping.headerRow)),
                ("back_office_first_column", String(originalWidth)), ("generated", input.today.description),
            ] + (input.reprocessedFrom.map { [("reprocessed_from", $0)] } ?? []) + input.mapping.titleRows.enumerated().map { ("title_row_\($0.offset + 1)", $0.element) }
            for (i, (k, v)) in pairs.enumerated() { try meta.writeRow([.text(k), .text(v)], row: i) }
            try meta.hide(veryHidden: true)
            try sheet.activate()
            var props = Workbook.Properties()
            props.title = input.sourceName + " - gestionado"
            props.author = "Celda " + version
            try book.setProperties(props)
            try book.setCustomProperty("celda.kind", .text(input.kindID))
            try book.setCustomProperty("celda.source_sha256", .text(input.sourceHash))
            try book.save()
            return summary
        } catch {
            book.discard()
            throw error
        }
    }
}

/// A read cell as a cell to write, its number format, and a note when its type had to change.
enum CellConversion {
    static func writable(_ value: CellValue) -> (WritableValue, String?, String?) {
        switch value {
        case .empty: return (.blank, nil, nil)
        case .text(let t): return (.text(t), nil, nil)
        case .number(let n): return (.number(n), nil, nil)
        case .bool(let b): return (.bool(b), nil, nil)
        case .date(let d):
            switch d.kind {
            case .date: return (.number(d.serial), "dd/mm/yyyy", nil)
            case .dateTime: return (.number(d.serial), "dd/mm/yyyy hh:mm:ss", nil)
            case .time: return (.number(d.serial), "hh:mm:ss", nil)
            case .duration: return (.number(d.serial), "[h]:mm:ss", nil)
            }
        case .error(let e):
            // libxlsxwriter 1.1.4 cannot write an error cell: the text stays, the change is said.
            return (.text(e), nil, "el valor de error \(e) se escribió como texto")
        }
    }
}
