import CeldaCore
import XLSXWriter

/// A pivot-like table of the premium report: row labels, then values that are COUNTIFS over
/// one of the detail sheets or arithmetic on the row's other values (a share, FCR, NPS), each
/// cached with the value `PremiumSummary` computed. The total row counts without the row's own
/// condition, so it is the operation's figure, not a sum of rounded rows.
struct PremiumTable {
    enum Look { case integer, percent, points, text }

    enum Value {
        /// COUNTIFS over `detail` with the criteria (the row's own criteria are added).
        case count(DetailSheet, [SummaryTable.Criterion])
        /// value `part` / value `whole` (0 when / 0).
        case share(part: Int, whole: Int)
        /// (value `whole` − value `part`) / value `whole` (FCR: SPC not repeated).
        case complement(part: Int, whole: Int)
        /// value `from` minus the values `minus`.
        case rest(from: Int, minus: [Int])
        /// (value `promoters` − value `detractors`) / value `total` × 100.
        case nps(promoters: Int, detractors: Int, total: Int)
        /// AVERAGEIFS of a detail column with the row's criteria, divided by `divisor` (a nota
        /// 0–100 as a share); blank when value `count` (the rows averaged) is 0.
        case average(DetailSheet, column: Int, count: Int, divisor: Double)
        /// Σ weight × value, blank unless every value has one (CALIDAD MEC).
        case weighted([(index: Int, weight: Double)])
        /// «Sí» when value `of` reaches `meta` (at nine decimals: a sum of shares is not exact), «No» below it, blank without it.
        case meets(of: Int, meta: Double, yes: String, no: String)

        /// The value a ratio divides by: when it is 0 the ratio is blank.
        var denominator: Int? {
            switch self {
            case .share(_, let whole), .complement(_, let whole): return whole
            case .nps(_, _, let total): return total
            case .average(_, _, let count, _): return count
            case .count, .rest, .weighted, .meets: return nil
            }
        }
    }

    struct Row {
        var label: String
        /// The row's own condition per detail sheet (an agent; a day), added to its counts.
        var condition: (DetailSheet) -> [SummaryTable.Criterion]
        var cached: [Double]
    }

    var labelHeader: String
    var headers: [String]
    var looks: [Look]
    var values: [Value]
    var rows: [Row]
    var total: Row
    /// A ratio over nothing is an empty cell rather than a formula giving "": a chart draws
    /// text as 0, and an empty cell as a gap (the total row keeps its formula).
    var gaps = false
    /// Whether the total row is written (a table by week has none: its rows do not add up to
    /// the period's figure).
    var showsTotal = true

    static let points: CellFormat = {
        var f = ReportStyles.cell
        f.numberFormat = "0.0"
        return f
    }()

    @discardableResult
    func write(into sheet: Worksheet, row top: Int, column left: Int, widths: ColumnWidths) throws -> SummaryTable.Placement {
        try sheet.setRowHeight(30, row: top)
        try sheet.write(.text(labelHeader), row: top, column: left, format: ReportStyles.header)
        widths.note(labelHeader, column: left, cap: 30)
        for (i, h) in headers.enumerated() {
            try sheet.write(.text(h), row: top, column: left + 1 + i, format: ReportStyles.header)
            widths.note(h, column: left + 1 + i, cap: 14)
        }
        for (r, row) in rows.enumerated() { try write(row, at: top + 1 + r, sheet: sheet, left: left, format: { $0 }, widths: widths, gaps: gaps) }
        let totalRow = top + 1 + rows.count
        if showsTotal { try write(total, at: totalRow, sheet: sheet, left: left, format: ReportStyles.totals, widths: widths, gaps: false) }
        return SummaryTable.Placement(headerRow: top, firstDataRow: top + 1, lastDataRow: top + rows.count, firstColumn: left,
                                      totalRow: showsTotal ? totalRow : nil,
                                      columns: headers.count + 1, labelHeader: labelHeader, headers: headers,
                                      maxima: headers.indices.map { i in rows.map { i < $0.cached.count ? $0.cached[i] : 0 }.max() ?? 0 })
    }

    private func write(_ row: Row, at r: Int, sheet: Worksheet, left: Int, format: (CellFormat) -> CellFormat, widths: ColumnWidths,
                       gaps: Bool) throws {
        try sheet.write(.text(row.label), row: r, column: left, format: format(ReportStyles.cell))
        widths.note(row.label, column: left)
        func cell(_ i: Int) -> String { CellName.of(row: r, column: left + 1 + i) }
        for (i, value) in values.enumerated() {
            let formula: String
            switch value {
            case .count(let detail, let criteria):
                let all = row.condition(detail) + criteria
                // COUNTIFS needs a criterion: the total of every row is the filled cells of the first column.
                formula = all.isEmpty ? "ROWS(\(detail.range(0)))-COUNTBLANK(\(detail.range(0)))"
                    : "COUNTIFS(" + SummaryTable.arguments(all, detail) + ")"
            case .share(let part, let whole):
                formula = "IF(\(cell(whole))=0,\"\",\(cell(part))/\(cell(whole)))"
            case .complement(let part, let whole):
                formula = "IF(\(cell(whole))=0,\"\",(\(cell(whole))-\(cell(part)))/\(cell(whole)))"
            case .rest(let from, let minus):
                formula = cell(from) + minus.map { "-" + cell($0) }.joined()
            case .nps(let p, let d, let n):
                formula = "IF(\(cell(n))=0,\"\",(\(cell(p))-\(cell(d)))/\(cell(n))*100)"
            case .average(let detail, let column, let count, let divisor):
                let criteria = row.condition(detail)
                let mean = criteria.isEmpty ? "AVERAGE(\(detail.range(column)))"
                    : "AVERAGEIFS(\(detail.range(column)),\(SummaryTable.arguments(criteria, detail)))"
                formula = "IF(\(cell(count))=0,\"\",\(mean)/\(SummaryTable.number(divisor)))"
            case .weighted(let parts):
                let blank = parts.map { "\(cell($0.index))=\"\"" }.joined(separator: ",")
                let sum = parts.map { "\(SummaryTable.number($0.weight))*\(cell($0.index))" }.joined(separator: "+")
                formula = "IF(OR(\(blank)),\"\",\(sum))"
            case .meets(let of, let meta, let yes, let no):
                formula = "IF(\(cell(of))=\"\",\"\",IF(ROUND(\(cell(of)),9)>=\(SummaryTable.number(meta)),\"\(yes)\",\"\(no)\"))"
            }
            let look = i < looks.count ? looks[i] : .integer
            let f: CellFormat
            switch look {
            case .integer: f = ReportStyles.integer
            case .percent: f = ReportStyles.percent
            case .points: f = Self.points
            case .text: f = ReportStyles.cell
            }
            let cached = i < row.cached.count ? row.cached[i] : 0
            // A figure with no value (a part of CALIDAD MEC without data) is cached as NaN.
            if cached.isNaN {
                if gaps { try sheet.write(.blank, row: r, column: left + 1 + i, format: format(f)) } else {
                    try sheet.write(.formula("=" + formula, cached: .text("")), row: r, column: left + 1 + i, format: format(f))
                }
                continue
            }
            if case .meets(_, _, let yes, let no) = value {
                try sheet.write(.formula("=" + formula, cached: .text(cached > 0 ? yes : no)), row: r, column: left + 1 + i, format: format(f))
                widths.note(yes, column: left + 1 + i)
                continue
            }
            // A ratio over nothing (no SPC case, no survey, no follow-up due) is blank, not a
            // false 0 % or 0 points.
            let overNothing = value.denominator.map { d in d < row.cached.count && row.cached[d] == 0 } == true
            if overNothing && gaps {
                try sheet.write(.blank, row: r, column: left + 1 + i, format: format(f))
                continue
            }
            let result: WritableValue.CachedResult = overNothing ? .text("") : .number(cached)
            try sheet.write(.formula("=" + formula, cached: result), row: r, column: left + 1 + i, format: format(f))
            widths.note(look == .integer ? String(Int(cached)) : "100,0 %", column: left + 1 + i)
        }
    }
}
