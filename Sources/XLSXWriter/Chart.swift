import CXLSXWriter

/// A native Excel chart over ranges of a sheet. Created by `Workbook.addChart`, placed with
/// `Worksheet.insertChart`; it lives and dies with its workbook.
public final class Chart {
    public enum Kind: Sendable {
        case column, bar, pie, line
        var lxw: UInt8 {
            switch self {
            case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
            case .bar: return UInt8(LXW_CHART_BAR.rawValue)
            case .pie: return UInt8(LXW_CHART_PIE.rawValue)
            case .line: return UInt8(LXW_CHART_LINE.rawValue)
            }
        }
    }

    let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_chart>

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_chart>) {
        self.workbook = workbook
        self.handle = handle
    }

    private static func reference(_ sheet: String, _ range: CellRange) -> String {
        "='" + sheet.replacing("'", with: "''") + "'!" + range.absolute
    }

    /// Adds a series: `values` over `categories`, both ranges of `sheet`.
    public func addSeries(name: String? = nil, sheet: String, categories: CellRange, values: CellRange, dataLabels: Bool = false) throws {
        try workbook.ensureOpen()
        guard let series = chart_add_series(handle, Chart.reference(sheet, categories), Chart.reference(sheet, values)) else {
            throw WriterError(.library(LXWCode(rawValue: -1), call: "chart_add_series"))
        }
        if let name { chart_series_set_name(series, name) }
        if dataLabels { chart_series_set_labels(series) }
    }

    public func setTitle(_ title: String) throws {
        try workbook.ensureOpen()
        chart_title_set_name(handle, title)
    }

    public func setAxisNames(x: String?, y: String?) throws {
        try workbook.ensureOpen()
        if let x, let axis = handle.pointee.x_axis { chart_axis_set_name(axis, x) }
        if let y, let axis = handle.pointee.y_axis { chart_axis_set_name(axis, y) }
    }

    /// One of Excel's 48 built-in chart styles.
    public func setStyle(_ style: Int) throws {
        try workbook.ensureOpen()
        chart_set_style(handle, UInt8(clamping: style))
    }

    public func hideLegend() throws {
        try workbook.ensureOpen()
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
    }
}
