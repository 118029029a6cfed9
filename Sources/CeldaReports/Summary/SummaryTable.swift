import CeldaCore
import XLSXWriter

/// A table that reads like a pivot table over the *Detalle* sheet: row labels in the first
/// column, value columns, a grand-total row. Every value is a formula over Detalle (COUNTIFS,
/// SUMIFS, a ratio of two columns, a sum of the rows above) that carries the value the core
/// computed as its cached result: right before any recalculation, and right after a supervisor
/// edits Detalle. The caller gives the rows in the order it wants them (ranked by the core).
struct SummaryTable {
    /// One condition on a Detalle column.
    enum Criterion {
        /// The cell equals the text (ignoring case, as COUNTIFS does).
        case equals(column: Int, String)
        case notEquals(column: Int, String)
        case greaterThan(column: Int, Double)
        /// The cell's number is at least / at most the value (a date by its serial).
        case atLeast(column: Int, Double)
        case atMost(column: Int, Double)
    }

    enum Value {
        /// COUNTIFS over Detalle with all the criteria.
        case count([Criterion])
        /// SUMIFS of a Detalle column with the criteria.
        case sum(column: Int, [Criterion])
        /// value column `numerator` / value column `denominator` of the same row (0 when / 0).
        case ratio(numerator: Int, denominator: Int)
        /// value column `of` of this row / the same column of the total row.
        case shareOfTotal(of: Int)
        /// value column `of` of this row / every row of Detalle (seed 002 §5: "el total de
        /// registros enviados por el cliente").
        case shareOfAll(of: Int)
        /// value column `a` − value column `b` of the same row.
        case difference(Int, Int)
        /// (total row) the sum of the column's rows above.
        case sumAbove
        /// The core's number as a plain value: a figure no formula over Detalle can give (a
        /// business-day deadline).
        case constant
    }

    enum Look { case integer, percent }

    struct Row {
        var label: String
        /// Each value with the number the core computed for it (a percentage as a fraction).
        var values: [(Value, Double)]
    }

    var labelHeader: String
    var headers: [String]
    var looks: [Look]
    var rows: [Row]
    /// Rows after the ranked ones and before the total, in grey: counted in the total, left
    /// out of charts (rows without a causal, the *no procede* ones).
    var apart: [Row] = []
    var total: Row?

    /// Where the table landed, for charts: the label column and each value column's data rows
    /// (without the header and the total row).
    struct Placement {
        var headerRow: Int
        var firstDataRow: Int
        var lastDataRow: Int
        var firstColumn: Int
        var totalRow: Int?
        /// Columns the table spans, its label column included.
        var columns = 1
        /// The label column's header and each value column's, for a chart's axis titles.
        var labelHeader = ""
        var headers: [String] = []
        /// The largest value of each value column over the data rows (a chart's axis range).
        var maxima: [Double] = []
        func labels() -> CellRange { CellRange(firstRow: firstDataRow, firstColumn: firstColumn, lastRow: lastDataRow, lastColumn: firstColumn) }
        func values(_ i: Int) -> CellRange {
            CellRange(firstRow: firstDataRow, firstColumn: firstColumn + 1 + i, lastRow: lastDataRow, lastColumn: firstColumn + 1 + i)
        }
        var isEmpty: Bool { lastDataRow < firstDataRow }
    }

    @discardableResult
    func write(into sheet: Worksheet, row top: Int, column left: Int, detail: DetailSheet, widths: ColumnWidths) throws -> Placement {
        // Value headers wrap at 16 characters: the row as tall as the longest needs.
        try sheet.setRowHeight(max(Page.height(of: labelHeader, width: 28), headers.map { Page.height(of: $0, width: 14) }.max() ?? 15), row: top)
        try sheet.write(.text(labelHeader), row: top, column: left, format: ReportStyles.header)
        widths.note(labelHeader, column: left, cap: 30)
        for (i, h) in headers.enumerated() {
            try sheet.write(.text(h), row: top + 1 - 1, column: left + 1 + i, format: ReportStyles.header)
            widths.note(h, column: left + 1 + i, cap: 16)
        }
        let first = top + 1
        let totalRow = total.map { _ in first + rows.count + apart.count }
        for (r, row) in rows.enumerated() {
            try write(row, at: first + r, sheet: sheet, left: left, detail: detail, totalRow: totalRow, firstData: first, format: { $0 }, widths: widths)
        }
        for (r, row) in apart.enumerated() {
            try write(row, at: first + rows.count + r, sheet: sheet, left: left, detail: detail, totalRow: totalRow, firstData: first,
                      format: ReportStyles.apart, widths: widths)
        }
        if let total, let totalRow {
            try write(total, at: totalRow, sheet: sheet, left: left, detail: detail, totalRow: totalRow, firstData: first,
                      format: ReportStyles.totals, widths: widths)
        }
        let maxima = headers.indices.map { i in rows.map { i < $0.values.count ? $0.values[i].1 : 0 }.max() ?? 0 }
        return Placement(headerRow: top, firstDataRow: first, lastDataRow: first + rows.count - 1, firstColumn: left, totalRow: totalRow,
                         columns: headers.count + 1, labelHeader: labelHeader, headers: headers, maxima: maxima)
    }

    private func write(_ row: Row, at r: Int, sheet: Worksheet, left: Int, detail: DetailSheet, totalRow: Int?, firstData: Int,
                       format: (CellFormat) -> CellFormat, widths: ColumnWidths) throws {
        try sheet.write(.text(row.label), row: r, column: left, format: format(ReportStyles.cell))
        widths.note(row.label, column: left)
        for (i, (value, cached)) in row.values.enumerated() {
            let column = left + 1 + i
            let cell = { (valueIndex: Int, row: Int) in CellName.of(row: row, column: left + 1 + valueIndex) }
            let look = i < looks.count ? looks[i] : .integer
            let numberFormat = format(look == .percent ? ReportStyles.percent : ReportStyles.integer)
            let formula: String
            switch value {
            case .constant:
                try sheet.write(.number(cached), row: r, column: column, format: numberFormat)
                widths.note(String(Int(cached)), column: column)
                continue
            case .count(let criteria):
                formula = Self.count(criteria, detail)
            case .sum(let col, let criteria):
                formula = detail.parts.indices.map { p in
                    "SUMIFS(\(detail.ranges(col)[p]),\(Self.arguments(criteria, detail, part: p)))"
                }.joined(separator: "+")
            case .ratio(let n, let d):
                formula = "IF(\(cell(d, r))=0,0,\(cell(n, r))/\(cell(d, r)))"
            case .shareOfTotal(let of):
                let t = totalRow ?? r
                let whole = "$" + CellName.column(left + 1 + of) + "$" + String(t + 1)
                formula = "IF(\(whole)=0,0,\(cell(of, r))/\(whole))"
            case .shareOfAll(let of):
                let all = Self.count([], detail)
                formula = "IF((\(all))=0,0,\(cell(of, r))/(\(all)))"
            case .difference(let a, let b):
                formula = "\(cell(a, r))-\(cell(b, r))"
            case .sumAbove:
                formula = r > firstData ? "SUM(\(cell(i, firstData)):\(cell(i, r - 1)))" : "0"
            }
            try sheet.write(.formula("=" + formula, cached: .number(cached)), row: r, column: column, format: numberFormat)
            widths.note(look == .percent ? "100,0 %" : String(Int(cached)), column: column)
        }
    }

    /// COUNTIFS over Detalle, one term per part («Detalle», «Detalle (2)»…) added up; with no
    /// criteria, the filled cells of the first column (every row).
    static func count(_ criteria: [Criterion], _ detail: DetailSheet) -> String {
        detail.parts.indices.map { p in
            criteria.isEmpty ? "ROWS(\(detail.ranges(0)[p]))-COUNTBLANK(\(detail.ranges(0)[p]))"
                : "COUNTIFS(" + arguments(criteria, detail, part: p) + ")"
        }.joined(separator: "+")
    }

    /// `range,"=value",range,"<>value"…`, each text a criterion that matches it exactly:
    /// "=" in front so a name that begins with `<`, `>` or `=` is not read as a comparison, and
    /// `~` before `*`, `?` and `~` so they are not wildcards.
    static func arguments(_ criteria: [Criterion], _ detail: DetailSheet, part: Int = 0) -> String {
        criteria.map { c in
            switch c {
            case .equals(let col, let text): return detail.ranges(col)[part] + "," + quoted("=" + escaped(text))
            case .notEquals(let col, let text): return detail.ranges(col)[part] + "," + quoted("<>" + escaped(text))
            case .greaterThan(let col, let v): return detail.ranges(col)[part] + "," + quoted(">" + number(v))
            case .atLeast(let col, let v): return detail.ranges(col)[part] + "," + quoted(">=" + number(v))
            case .atMost(let col, let v): return detail.ranges(col)[part] + "," + quoted("<=" + number(v))
            }
        }.joined(separator: ",")
    }

    /// A criterion's number as a spreadsheet reads it: whole numbers without ".0".
    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    static func escaped(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "*" || ch == "?" || ch == "~" { out.append("~") }
            out.append(ch)
        }
        return out
    }

    static func quoted(_ text: String) -> String { "\"" + text.replacing("\"", with: "\"\"") + "\"" }
}

/// A sheet with a title, the period under it and one or more summary tables.
struct SummarySheet {
    let sheet: Worksheet
    let widths = ColumnWidths()
    let charts = ChartPlaces()

    /// Where the charts of a sheet go, in rows, to keep each one on a page.
    final class ChartPlaces {
        var placed: [(row: Int, rows: Int)] = []
    }

    /// Rows of 15 points a landscape Letter page holds between its margins, with room to spare.
    static let rowsPerPage = 30
    /// Rows of 20 pixels a chart `scale` high covers (Excel's default chart is 288 pixels).
    static func rows(ofChartScaled scale: Double) -> Int { Int((288 * scale / 20).rounded(.up)) + 1 }

    /// Title on row 1, the period on row 2; tables start on row 4 (index 3).
    static let firstTableRow = 3

    /// On the sheet `name`: the one `ReportBook.reserve` put in its place in the tab order, or a new one.
    static func start(_ book: Workbook, name: String, title: String, subtitle: String) throws -> SummarySheet {
        let sheet = try ReportBook.sheet(name, in: book)
        try sheet.write(.text(title), row: 0, column: 0, format: ReportStyles.title)
        try sheet.write(.text(subtitle), row: 1, column: 0, format: ReportStyles.subtitle)
        return SummarySheet(sheet: sheet)
    }

    /// Widths and print setup. A chart that would run over a page break starts a page of its
    /// own; the header row repeats on each page only when the sheet has one table and no chart
    /// (under a repeated header a chart carried over from the page before would print).
    func finish(headerRow: Int, footer: String, oneTable: Bool = true) throws {
        try widths.apply(to: sheet)
        var breaks: [Int] = []
        var pageStart = 0
        for chart in charts.placed.sorted(by: { $0.row < $1.row }) {
            while chart.row >= pageStart + Self.rowsPerPage { pageStart += Self.rowsPerPage }
            if chart.row + chart.rows > pageStart + Self.rowsPerPage && chart.row > pageStart {
                breaks.append(chart.row)
                pageStart = chart.row
            }
        }
        try ReportStyles.printSetup(sheet, headerRow: oneTable && charts.placed.isEmpty ? headerRow : nil, footer: footer, pageBreaks: breaks)
    }

    /// Rows `first…last` (a caption and its table) print on one page when they fit on one.
    func keepTogether(_ first: Int, _ last: Int) {
        charts.placed.append((first, last - first + 1))
    }

    /// Puts `chart` at `row` (column A), `scale` times Excel's default size, noted for the page breaks.
    func place(_ chart: Chart, row: Int, scale: (x: Double, y: Double)) throws {
        try sheet.insertChart(chart, row: row, column: 0, scale: scale)
        charts.placed.append((row, Self.rows(ofChartScaled: scale.y)))
    }

    /// A line of explanation under a placed table: wrapped across the table's columns, the row
    /// as tall as its lines (so it never runs under a chart beside the table nor sets the
    /// printed width). `columns`: how many columns the table spans.
    func note(_ text: String, row: Int, columns: Int) throws {
        var f = ReportStyles.subtitle
        f.wrap = true
        f.vertical = .top
        let width = (0..<max(columns, 1)).map(widths.width).reduce(0, +)
        if columns > 1 {
            try sheet.merge(CellRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: columns - 1), text: text, format: f)
        } else {
            try sheet.write(.text(text), row: row, column: 0, format: f)
        }
        try sheet.setRowHeight(Page.height(of: text, width: width), row: row)
    }

    /// A native chart of one or more value columns of a placed table, under it (`row`: where;
    /// by default two rows below the table and its note), read as a person would draw it: both
    /// axes titled, counts in whole steps from 0, a ranking of bars from the top down, every
    /// category labelled (as tall as its categories need, as wide as the page), numbers on the
    /// bars when one series has them — side by side two series' labels run into each other.
    func chart(_ kind: Chart.Kind, book: Workbook, title: String, table: SummaryTable.Placement, series: [(name: String, index: Int)],
               row: Int? = nil, dataLabels: Bool = true, valueTitle: String? = nil) throws {
        guard !table.isEmpty else { return }
        let chart = try book.addChart(kind)
        let labels = dataLabels && series.count == 1
        for s in series {
            try chart.addSeries(name: s.name, sheet: sheet.name, categories: table.labels(), values: table.values(s.index), dataLabels: labels,
                                labelPlace: kind == .line ? .above : .standard)
        }
        try chart.setTitle(title)
        let highest = series.map { $0.index < table.maxima.count ? table.maxima[$0.index] : 0 }.max() ?? 0
        try chart.setAxisNames(x: table.labelHeader, y: valueTitle ?? (series.count == 1 ? series[0].name : nil))
        try chart.setValueAxis(min: 0, majorUnit: ChartSteps.countStep(highest), numberFormat: "0")
        try chart.setCategoryAxis(reversed: kind == .bar)
        if series.count == 1 { try chart.hideLegend() } else { try chart.legendOnTop() }
        let categories = table.lastDataRow - table.firstDataRow + 1
        // A bar a category (of each series) and room for the titles; a line or columns a usual height.
        let height = kind == .bar ? max(1, (110 + 22 * Double(categories * series.count)) / 288) : 1.2
        try place(chart, row: row ?? (table.totalRow ?? table.lastDataRow) + 3, scale: (1.8, height))
    }
}

/// Gridline steps a person would choose for a count: 1, 2, 5, 10, 20, 25, 50… — whole
/// numbers, about eight of them or fewer up to the largest value.
enum ChartSteps {
    static func countStep(_ highest: Double) -> Double {
        guard highest > 0 else { return 1 }
        var magnitude = 1.0
        while true {
            for m in [1.0, 2, 2.5, 5] where highest / (m * magnitude) <= 8 {
                let step = m * magnitude
                if step == step.rounded() { return step }
            }
            magnitude *= 10
        }
    }
}
