import CXLSXWriter

/// How a sheet prints: what a supervisor expects from a form taken to a feedback session.
public struct PrintSetup: Sendable {
    public enum Orientation: Sendable { case portrait, landscape }
    public enum Paper: UInt8, Sendable { case letter = 1, legal = 5, a4 = 9 }

    public var orientation: Orientation = .portrait
    public var paper: Paper = .letter
    /// Fit to this many pages wide (0 = as many as needed) and tall (0 = as many as needed).
    public var fitToPages: (width: Int, height: Int)?
    /// Margins in inches: left, right, top, bottom.
    public var margins: (left: Double, right: Double, top: Double, bottom: Double)?
    /// Rows repeated at the top of every page (0-based, inclusive).
    public var repeatRows: ClosedRange<Int>?
    /// Columns repeated at the left of every page (0-based, inclusive).
    public var repeatColumns: ClosedRange<Int>?
    /// Excel header/footer codes: `&L`, `&C`, `&R` sections, `&P` page, `&N` pages.
    public var header: String?
    public var footer: String?
    public var printArea: CellRange?
    /// Rows (0-based) a new page starts at, besides the pages the spreadsheet breaks by itself.
    public var pageBreaks: [Int] = []
    public var gridlines = false
    public var centerHorizontally = false

    public init() {}
}

extension Worksheet {
    public func setPrint(_ setup: PrintSetup) throws {
        try workbook.ensureOpen(sheet: name)
        // Every row and column is checked before the sheet is changed at all.
        let repeatRows = try setup.repeatRows.map { (try cRow($0.lowerBound), try cRow($0.upperBound)) }
        let printArea = try setup.printArea.map { try cRange($0) }
        let repeatColumns = try setup.repeatColumns.map { (try cColumn($0.lowerBound), try cColumn($0.upperBound)) }
        switch setup.orientation {
        case .portrait: worksheet_set_portrait(handle)
        case .landscape: worksheet_set_landscape(handle)
        }
        worksheet_set_paper(handle, setup.paper.rawValue)
        if let fit = setup.fitToPages { worksheet_fit_to_pages(handle, UInt16(clamping: fit.width), UInt16(clamping: fit.height)) }
        if let m = setup.margins { worksheet_set_margins(handle, m.left, m.right, m.top, m.bottom) }
        if let (first, last) = repeatRows {
            try check(worksheet_repeat_rows(handle, first, last), "worksheet_repeat_rows", sheet: name)
        }
        if let (first, last) = repeatColumns {
            try check(worksheet_repeat_columns(handle, first, last), "worksheet_repeat_columns", sheet: name)
        }
        if !setup.pageBreaks.isEmpty {
            var breaks = try setup.pageBreaks.sorted().map { try cRow($0) } + [0]
            try check(worksheet_set_h_pagebreaks(handle, &breaks), "worksheet_set_h_pagebreaks", sheet: name)
        }
        if let header = setup.header { try check(worksheet_set_header(handle, header), "worksheet_set_header", sheet: name) }
        if let footer = setup.footer { try check(worksheet_set_footer(handle, footer), "worksheet_set_footer", sheet: name) }
        if let (r1, c1, r2, c2) = printArea {
            try check(worksheet_print_area(handle, r1, c1, r2, c2), "worksheet_print_area", sheet: name)
        }
        worksheet_gridlines(handle, UInt8((setup.gridlines ? LXW_SHOW_PRINT_GRIDLINES : LXW_HIDE_ALL_GRIDLINES).rawValue))
        if !setup.gridlines { worksheet_gridlines(handle, UInt8(LXW_SHOW_SCREEN_GRIDLINES.rawValue)) }
        if setup.centerHorizontally { worksheet_center_horizontally(handle) }
    }
}
