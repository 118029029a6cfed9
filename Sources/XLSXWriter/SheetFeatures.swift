import CXLSXWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tables, dropdowns and conditional formats: the parts of a sheet a supervisor filters,
/// picks from and scans for red.
extension Worksheet {
    public struct TableColumn: Sendable {
        public var header: String
        /// A total-row function or a label.
        public var total: Total?
        public var format: CellFormat?
        /// The total-row functions carry the value they come to: readers that do not calculate
        /// (LibreOffice on open, calamine, openpyxl) show this cached result, not a 0.
        public enum Total: Sendable {
            case sum(Double), count(Double), average(Double), max(Double), min(Double), label(String)
        }
        public init(header: String, total: Total? = nil, format: CellFormat? = nil) {
            self.header = header
            self.total = total
            self.format = format
        }
    }

    /// An Excel table over `range` (its first row holds the headers). `style` is Excel's
    /// "Table Style Medium N" number (1–28).
    public func addTable(_ range: CellRange, name: String? = nil, columns: [TableColumn], style: Int = 9, totalRow: Bool = false) throws {
        try workbook.ensureOpen(sheet: self.name)
        let (r1, c1, r2, c2) = try cRange(range)
        let strings = CStrings()
        defer { withExtendedLifetime(strings) {} } // alive until the C call below has copied them
        func keep(_ s: String?) -> UnsafeMutablePointer<CChar>? { strings.copy(s) }
        var cols = columns.map { column -> lxw_table_column in
            var c = lxw_table_column()
            c.header = keep(column.header)
            c.format = workbook.format(column.format)
            switch column.total {
            case nil: break
            case .sum(let v)?: c.total_function = UInt8(LXW_TABLE_FUNCTION_SUM.rawValue); c.total_value = v
            case .count(let v)?: c.total_function = UInt8(LXW_TABLE_FUNCTION_COUNT.rawValue); c.total_value = v
            case .average(let v)?: c.total_function = UInt8(LXW_TABLE_FUNCTION_AVERAGE.rawValue); c.total_value = v
            case .max(let v)?: c.total_function = UInt8(LXW_TABLE_FUNCTION_MAX.rawValue); c.total_value = v
            case .min(let v)?: c.total_function = UInt8(LXW_TABLE_FUNCTION_MIN.rawValue); c.total_value = v
            case .label(let text)?: c.total_string = keep(text)
            }
            return c
        }
        var options = lxw_table_options()
        options.name = keep(name)
        options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_MEDIUM.rawValue)
        options.style_type_number = UInt8(clamping: style)
        options.total_row = totalRow ? 1 : 0
        try cols.withUnsafeMutableBufferPointer { buffer in
            var pointers: [UnsafeMutablePointer<lxw_table_column>?] = (0..<buffer.count).map { buffer.baseAddress?.advanced(by: $0) }
            pointers.append(nil)
            try pointers.withUnsafeMutableBufferPointer { list in
                options.columns = list.baseAddress
                try check(worksheet_add_table(handle, r1, c1, r2, c2, &options),
                          "worksheet_add_table", sheet: self.name)
            }
        }
    }

    /// A dropdown list on `range`. Excel keeps an inline list to 255 characters; a longer
    /// list is written to a row of `listSheet` (created hidden once, named by the caller) and referenced.
    public func addDropdown(_ range: CellRange, values: [String], listSheet: String = "Listas",
                            errorTitle: String? = nil, errorMessage: String? = nil, strict: Bool = true) throws {
        try workbook.ensureOpen(sheet: name)
        let (r1, c1, r2, c2) = try cRange(range)
        guard !values.isEmpty else { throw WriterError(.emptyList, sheet: name) }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        validation.error_type = UInt8((strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING).rawValue)
        // Counted in UTF-8 bytes, not characters: libxlsxwriter before 1.1.5 (Debian has 1.1.4)
        // copies the joined list into a 255-byte buffer after checking characters only, so an
        // accented list under 255 characters but over 255 bytes overflows it (upstream #394).
        // It also counts the options in a uint8_t: 256 empty ones (255 commas, 255 bytes) wrap it
        // and it appends past the buffer forever, so 256 options never go inline.
        let inlineLength = values.reduce(0) { $0 + $1.utf8.count } + values.count - 1
        let strings = CStrings()
        defer { withExtendedLifetime(strings) {} } // alive until the C call below has copied them
        func keep(_ s: String) -> UnsafeMutablePointer<CChar>? { strings.copy(s) }
        if let errorTitle { validation.error_title = keep(errorTitle) }
        if let errorMessage { validation.error_message = keep(errorMessage) }

        if inlineLength <= 255 && values.count < 256 && !values.contains(where: { $0.contains(",") }) {
            var list: [UnsafePointer<CChar>?] = values.map { UnsafePointer(keep($0)) }
            list.append(nil)
            try list.withUnsafeMutableBufferPointer { buffer in
                validation.value_list = UnsafeMutableRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
                try check(worksheet_data_validation_range(handle, r1, c1, r2, c2, &validation),
                          "worksheet_data_validation_range", sheet: name)
            }
        } else {
            let source = try workbook.listRow(in: listSheet, values: values)
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            validation.value_formula = keep("='\(source.sheet.replacing("'", with: "''"))'!\(source.range.absolute)")
            try check(worksheet_data_validation_range(handle, r1, c1, r2, c2, &validation),
                      "worksheet_data_validation_range", sheet: name)
        }
    }

    public enum ConditionalRule: Sendable {
        public enum Comparison: Sendable { case equal, notEqual, greaterThan, lessThan, greaterOrEqual, lessOrEqual }
        /// The cell's own value compared with a number.
        case cellValue(Comparison, Double)
        /// The cell's own value compared with text (equal only, as Excel's "Cell Value = "text"").
        case cellText(String)
        /// A formula true for the cells to format, relative to the range's top-left cell.
        case formula(String)
        /// A data bar in `color` (0xRRGGBB).
        case dataBar(color: UInt32)
    }

    public func addConditionalFormat(_ range: CellRange, rule: ConditionalRule, format: CellFormat = CellFormat()) throws {
        try workbook.ensureOpen(sheet: name)
        let (r1, c1, r2, c2) = try cRange(range)
        var cf = lxw_conditional_format()
        let strings = CStrings()
        defer { withExtendedLifetime(strings) {} } // alive until the C call below has copied them
        switch rule {
        case .cellValue(let comparison, let value):
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = comparison.lxw
            cf.value = value
            cf.format = workbook.format(format)
        case .cellText(let text):
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
            cf.value_string = strings.copy("\"" + text.replacing("\"", with: "\"\"") + "\"")
            cf.format = workbook.format(format)
        case .formula(let formula):
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
            cf.value_string = strings.copy(formula)
            cf.format = workbook.format(format)
        case .dataBar(let color):
            cf.type = UInt8(LXW_CONDITIONAL_DATA_BAR.rawValue)
            cf.bar_color = lxw_color_t(color)
        }
        try check(worksheet_conditional_format_range(handle, r1, c1, r2, c2, &cf),
                  "worksheet_conditional_format_range", sheet: name)
    }

    /// `scale`: the chart's size against Excel's default (480 × 288 pixels).
    public func insertChart(_ chart: Chart, row: Int, column: Int, scale: (x: Double, y: Double) = (1, 1)) throws {
        try workbook.ensureOpen(sheet: name)
        var options = lxw_chart_options()
        options.x_scale = scale.x
        options.y_scale = scale.y
        try check(worksheet_insert_chart_opt(handle, try cRow(row), try cColumn(column), chart.handle, &options), "worksheet_insert_chart_opt", sheet: name)
    }
}

extension Worksheet.ConditionalRule.Comparison {
    var lxw: UInt8 {
        switch self {
        case .equal: return UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
        case .notEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO.rawValue)
        case .greaterThan: return UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
        case .lessThan: return UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
        case .greaterOrEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
        case .lessOrEqual: return UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
        }
    }
}

extension Workbook {
    /// Writes `values` into the next free row of the (hidden) list sheet and returns where.
    /// One row per list, so this works in constant-memory mode too (rows only grow).
    func listRow(in sheetName: String, values: [String]) throws -> (sheet: String, range: CellRange) {
        let sheet: Worksheet
        if let existing = worksheets.first(where: { $0.name == sheetName }) {
            sheet = existing
        } else {
            sheet = try addWorksheet(sheetName)
            try sheet.hide()
        }
        let row = listRowsUsed[sheet.name, default: 0]
        listRowsUsed[sheet.name] = row + 1
        for (i, value) in values.enumerated() { try sheet.write(.text(value), row: row, column: i) }
        return (sheet.name, CellRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: values.count - 1))
    }
}
