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
    let kind: Kind

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_chart>, kind: Kind) {
        self.workbook = workbook
        self.handle = handle
        self.kind = kind
    }

    /// The axis of the values and the axis of the categories: in a bar chart (horizontal bars)
    /// libxlsxwriter's x axis is the values' one.
    private var valueAxis: UnsafeMutablePointer<lxw_chart_axis>? { kind == .bar ? handle.pointee.x_axis : handle.pointee.y_axis }
    private var categoryAxis: UnsafeMutablePointer<lxw_chart_axis>? { kind == .bar ? handle.pointee.y_axis : handle.pointee.x_axis }

    private static func reference(_ sheet: String, _ range: CellRange) -> String {
        "='" + sheet.replacing("'", with: "''") + "'!" + range.absolute
    }

    /// Adds a series: `values` over `categories`, both ranges of `sheet`.
    /// Where a series' data labels go: the spreadsheet's default, or above each point (a line).
    public enum LabelPlace: Sendable { case standard, above }

    /// Adds a series: `values` over `categories`, both ranges of `sheet`. `labelFormat`: the
    /// number format of its data labels (`"0.0%"`). `markers`: a mark on each point of a line
    /// (a point between two gaps is otherwise not drawn at all).
    public func addSeries(name: String? = nil, sheet: String, categories: CellRange, values: CellRange, dataLabels: Bool = false,
                          labelPlace: LabelPlace = .standard, labelFormat: String? = nil, markers: Bool = false) throws {
        try workbook.ensureOpen()
        guard let series = chart_add_series(handle, Chart.reference(sheet, categories), Chart.reference(sheet, values)) else {
            throw WriterError(.library(LXWCode(rawValue: -1), call: "chart_add_series"))
        }
        if let name { chart_series_set_name(series, name) }
        if markers { chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue)) }
        guard dataLabels else { return }
        chart_series_set_labels(series)
        if labelPlace == .above { chart_series_set_labels_position(series, UInt8(LXW_CHART_LABEL_POSITION_ABOVE.rawValue)) }
        if let labelFormat { chart_series_set_labels_num_format(series, labelFormat) }
    }

    public func setTitle(_ title: String) throws {
        try workbook.ensureOpen()
        chart_title_set_name(handle, title)
    }

    /// The titles of the category axis and of the value axis (whichever way a bar chart turns them).
    public func setAxisNames(x: String?, y: String?) throws {
        try workbook.ensureOpen()
        if let x, let axis = categoryAxis { chart_axis_set_name(axis, x) }
        if let y, let axis = valueAxis { chart_axis_set_name(axis, y) }
    }

    /// One of Excel's 48 built-in chart styles.
    public func setStyle(_ style: Int) throws {
        try workbook.ensureOpen()
        chart_set_style(handle, UInt8(clamping: style))
    }

    /// The value axis: its range, its step between gridlines and the format of its numbers
    /// (`"0"` for counts, `"0%"` for rates); nil leaves the spreadsheet's choice.
    public func setValueAxis(min: Double? = nil, max: Double? = nil, majorUnit: Double? = nil, numberFormat: String? = nil) throws {
        try workbook.ensureOpen()
        guard let axis = valueAxis else { return }
        if let min { chart_axis_set_min(axis, min) }
        if let max { chart_axis_set_max(axis, max) }
        if let majorUnit, majorUnit > 0 { chart_axis_set_major_unit(axis, majorUnit) }
        if let numberFormat { chart_axis_set_num_format(axis, numberFormat) }
    }

    /// The category axis: `reversed` puts the first category on top of a bar chart (a ranking
    /// reads downwards); `everyLabel` shows each category's label, never every other one;
    /// `labelsLow` keeps them under the plot even when values go below zero.
    public func setCategoryAxis(reversed: Bool = false, everyLabel: Bool = true, labelsLow: Bool = false) throws {
        try workbook.ensureOpen()
        guard let axis = categoryAxis else { return }
        if reversed {
            chart_axis_set_reverse(axis)
            // The value axis stays under the plot, not above it.
            chart_axis_set_crossing_max(axis)
        }
        if everyLabel { chart_axis_set_interval_unit(axis, 1) }
        if labelsLow { chart_axis_set_label_position(axis, UInt8(LXW_CHART_AXIS_LABEL_POSITION_LOW.rawValue)) }
    }

    /// Empty cells are gaps in a line, never zeros.
    public func showBlanksAsGaps() throws {
        try workbook.ensureOpen()
        chart_show_blanks_as(handle, UInt8(LXW_CHART_BLANKS_AS_GAP.rawValue))
    }

    /// The legend above the plot, clear of the axes' titles.
    public func legendOnTop() throws {
        try workbook.ensureOpen()
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_TOP.rawValue))
    }

    public func hideLegend() throws {
        try workbook.ensureOpen()
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
    }
}
