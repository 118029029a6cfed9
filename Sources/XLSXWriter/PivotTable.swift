/// A native pivot table over a range of the workbook: one row field, page (filter) fields and
/// one value field that counts the non-empty cells of a column, with grand totals.
///
/// libxlsxwriter writes no pivot tables; `Workbook.save()` adds the parts after libxlsxwriter
/// has written the file (`PivotTablePatch`). The cache definition holds no records
/// (`saveData="0"`) and asks to be refreshed when the file is opened (`refreshOnLoad="1"`): the
/// spreadsheet builds the cache from the source range. The items of the fields on an axis
/// (row and page fields) are written all the same, from the values given here, so the
/// definition is complete without that refresh.
///
/// ```swift
/// let source = PivotTable.Source(sheet: "Detalle", headers: ["Asesor", "Causal", "Fila"], rows: rows)
/// let pivot = PivotTable(name: "Causales", source: source, rowField: 1, pageFields: [0], countField: 2, valueName: "Casos")
/// try book.addPivotTable(pivot, on: try book.addWorksheet("Tabla dinámica"))
/// ```
public struct PivotTable: Sendable {
    /// The source range: a header row, then `rows`, exactly as written on `sheet` from
    /// `firstRow`/`firstColumn` (0-based). The values are needed for the items of the axis
    /// fields; they must be the ones written to the cells.
    public struct Source: Sendable {
        public var sheet: String
        public var headers: [String]
        public var rows: [[WritableValue]]
        /// What the cache definition needs of the rows, noted while they were written (a source
        /// too big to hold); when given, `rows` is not read.
        public var tally: SourceTally?
        public var firstRow: Int
        public var firstColumn: Int
        public init(sheet: String, headers: [String], rows: [[WritableValue]], firstRow: Int = 0, firstColumn: Int = 0) {
            self.sheet = sheet
            self.headers = headers
            self.rows = rows
            self.firstRow = firstRow
            self.firstColumn = firstColumn
        }
        public init(sheet: String, headers: [String], tally: SourceTally, firstRow: Int = 0, firstColumn: Int = 0) {
            self.init(sheet: sheet, headers: headers, rows: [], firstRow: firstRow, firstColumn: firstColumn)
            self.tally = tally
        }
    }

    /// The source rows as the cache definition needs them, noted one row at a time: how many,
    /// what types each field holds, and the distinct items of the `listed` fields (the row and
    /// page fields: give at least those). The cache holds no records, so nothing else is kept.
    public struct SourceTally: Sendable {
        public let fields: Int
        public let listed: Set<Int>
        public private(set) var rows = 0
        var kinds: [PivotLayout.Kinds]
        var items: [Set<PivotItem>]
        /// A date field with a time of day somewhere (format 22, not 14).
        var timed: [Bool]
        /// The first row whose width is not `fields`: its index among the rows and its width.
        var misfit: (row: Int, values: Int)?

        public init(fields: Int, listed: Set<Int>) {
            self.fields = fields
            self.listed = listed
            kinds = Array(repeating: PivotLayout.Kinds(), count: fields)
            items = Array(repeating: [], count: fields)
            timed = Array(repeating: false, count: fields)
        }

        public mutating func note(_ row: [WritableValue]) {
            defer { rows += 1 }
            guard row.count == fields else {
                if misfit == nil { misfit = (rows, row.count) }
                return
            }
            for (i, value) in row.enumerated() {
                let item = PivotItem(value)
                kinds[i].note(item)
                if listed.contains(i) { items[i].insert(item) }
                if case .date(_, true) = value { timed[i] = true }
            }
        }
    }

    /// Words the spreadsheet shows around the table.
    public struct Captions: Sendable {
        /// The Σ / "Valores" button.
        public var values: String
        public var grandTotal: String
        /// Above the row labels (compact layout); nil leaves the spreadsheet's own.
        public var rowHeader: String?
        public init(values: String = "Valores", grandTotal: String = "Total general", rowHeader: String? = nil) {
            self.values = values
            self.grandTotal = grandTotal
            self.rowHeader = rowHeader
        }
    }

    /// The table's name, shown in the spreadsheet's pivot-table options.
    public var name: String
    public var source: Source
    /// Index into `source.headers` of the field on rows.
    public var rowField: Int
    /// Indexes of the report filter fields, top to bottom.
    public var pageFields: [Int]
    /// Index of the field whose non-empty cells are counted (choose one that is never blank
    /// to count rows).
    public var countField: Int
    /// The value column's name; it may not be the name of a source field.
    public var valueName: String
    public var grandTotals: Bool
    public var captions: Captions

    public init(name: String, source: Source, rowField: Int, pageFields: [Int] = [], countField: Int, valueName: String,
                grandTotals: Bool = true, captions: Captions = Captions()) {
        self.name = name
        self.source = source
        self.rowField = rowField
        self.pageFields = pageFields
        self.countField = countField
        self.valueName = valueName
        self.grandTotals = grandTotals
        self.captions = captions
    }
}

/// The rule a pivot table broke, checked before anything is written.
public enum PivotTableRule: Equatable, Sendable {
    /// The source has a header but no row: the spreadsheet rejects such a source.
    case emptySource
    case sourceSheetMissing(String)
    case noFields
    /// A row of the source has a different number of values than there are headers.
    case rowWidth(row: Int, values: Int, headers: Int)
    /// Every source column needs a name (the spreadsheet refuses a blank field name).
    case blankFieldName(column: Int)
    /// Field names are unique, ignoring case, as the spreadsheet requires.
    case duplicateFieldName(String)
    case fieldOutOfRange(Int, fields: Int)
    /// A field can be on one axis only (row or one filter).
    case fieldOnTwoAxes(String)
    case valueNameTaken(String)
    case invalidTableName(String)
    /// The source or the table would pass Excel's last row or column.
    case doesNotFit(String)
    /// A sheet holds one pivot table here.
    case sheetAlreadyHasPivot(String)
    /// A source given as a tally did not keep the items of a field the table puts on an axis.
    case fieldNotTallied(String)
}

/// One value of a field's cache, as the spreadsheet keeps it.
enum PivotItem: Hashable {
    case text(String), number(Double), date(String), bool(Bool), blank

    /// The shared-item element: `<s v=…/>`, `<n v=…/>`, `<d v=…/>`, `<b v=…/>`, `<m/>`.
    var element: (name: String, value: String?) {
        switch self {
        case .text(let s): return ("s", s)
        case .number(let d): return ("n", PivotNumber.text(d))
        case .date(let iso): return ("d", iso)
        case .bool(let b): return ("b", b ? "1" : "0")
        case .blank: return ("m", nil)
        }
    }

    /// The value a written cell holds: text cleaned as the cell's was, "" a blank cell (as
    /// libxlsxwriter writes it), a formula its cached result.
    init(_ value: WritableValue) {
        switch value {
        case .text(let s):
            let clean = TextSafety.isClean(s) ? s : TextSafety.clean(s).0
            self = clean.isEmpty ? .blank : .text(clean)
        case .number(let d): self = d.isFinite ? .number(d) : .blank
        case .bool(let b): self = .bool(b)
        case .date(let serial, _): self = PivotDate.iso(serial: serial).map(PivotItem.date) ?? .blank
        case .blank: self = .blank
        case .formula(_, let cached):
            switch cached {
            case .number(let d): self = d.isFinite ? .number(d) : .blank
            case .text(let s): self = PivotItem(.text(s))
            case .none: self = .blank
            }
        }
    }

    /// Sort order of the items: numbers, dates, text, booleans, blank last (as the spreadsheet lists them).
    static func < (a: PivotItem, b: PivotItem) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.date(let x), .date(let y)), (.text(let x), .text(let y)): return x < y
        case (.bool(let x), .bool(let y)): return !x && y
        default: return a.rank < b.rank
        }
    }

    private var rank: Int {
        switch self {
        case .number: return 0
        case .date: return 1
        case .text: return 2
        case .bool: return 3
        case .blank: return 4
        }
    }
}

enum PivotNumber {
    /// A number as the XML double the cache stores: integers without ".0".
    static func text(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}

enum PivotDate {
    /// `2024-03-18T08:00:00` for a 1900-system serial (days since 1899-12-30), to the second.
    static func iso(serial: Double) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil } // up to 9999-12-31
        var seconds = Int64((serial * 86_400).rounded())
        let days = seconds / 86_400
        seconds -= days * 86_400
        // Days since 1970-01-01, then the civil date (proleptic Gregorian, H. Hinnant's method).
        let z = days - 25_569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var year = String(y)
        while year.count < 4 { year = "0" + year }
        return "\(year)-\(two(m))-\(two(d))T\(two(seconds / 3_600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    }
}

/// A pivot table checked and laid out: every number the parts are written from.
struct PivotLayout {
    struct Field {
        var name: String
        /// 14 (date) or 22 (date-time) for date fields, else 0 (General).
        var numberFormat: Int
        var kinds: Kinds
        /// Listed for the fields on an axis (row, page), sorted; nil for the others.
        var items: [PivotItem]?
    }

    /// What types a field's values are: the `sharedItems` attributes.
    struct Kinds: Equatable {
        var text = false, number = false, date = false, bool = false, blank = false
        var integer = true, longText = false
        var minNumber: Double?, maxNumber: Double?, minDate: String?, maxDate: String?
    }

    let table: PivotTable
    let fields: [Field]
    /// The source range with its header, e.g. `A1:M14`.
    let sourceRef: String
    /// The table's body on its sheet (header, items, grand total), without the filters above it.
    let location: CellRange
    let records: Int

    /// Row of the table's header: filters take a row each, then one blank row.
    var firstRow: Int { table.pageFields.isEmpty ? 0 : table.pageFields.count + 1 }
    var rowItems: [PivotItem] { fields[table.rowField].items ?? [] }

    /// Checks every rule of `PivotTableRule` and computes items and ranges.
    init(_ table: PivotTable, sheetNames: [String]) throws {
        func fail(_ rule: PivotTableRule) -> WriterError { WriterError(.pivotTable(rule), sheet: table.source.sheet) }
        let source = table.source
        let name = table.name
        guard !name.isEmpty, name.unicodeScalars.count <= 255, TextSafety.isClean(name) else { throw fail(.invalidTableName(name)) }
        guard sheetNames.contains(source.sheet) else { throw fail(.sourceSheetMissing(source.sheet)) }
        guard !source.headers.isEmpty else { throw fail(.noFields) }
        let rowCount = source.tally?.rows ?? source.rows.count
        guard rowCount > 0 else { throw fail(.emptySource) }
        var seen = Set<String>()
        for (i, header) in source.headers.enumerated() {
            let clean = TextSafety.isClean(header) ? header : TextSafety.clean(header).0
            guard !clean.allSatisfy({ $0 == " " }) else { throw fail(.blankFieldName(column: source.firstColumn + i)) }
            guard seen.insert(clean.lowercased()).inserted else { throw fail(.duplicateFieldName(clean)) }
        }
        let count = source.headers.count
        if let tally = source.tally, tally.fields != count {
            throw fail(.rowWidth(row: source.firstRow + 1, values: tally.fields, headers: count))
        }
        for f in [table.rowField, table.countField] + table.pageFields where !(0..<count).contains(f) {
            throw fail(.fieldOutOfRange(f, fields: count))
        }
        var onAxis = Set<Int>()
        for f in [table.rowField] + table.pageFields where !onAxis.insert(f).inserted {
            throw fail(.fieldOnTwoAxes(source.headers[f]))
        }
        // Rows given as values are tallied here: one way to read a source.
        let tally: PivotTable.SourceTally
        if let given = source.tally {
            guard given.listed.isSuperset(of: onAxis) else { throw fail(.fieldNotTallied(source.headers[onAxis.subtracting(given.listed).min() ?? 0])) }
            tally = given
        } else {
            var t = PivotTable.SourceTally(fields: count, listed: onAxis)
            for row in source.rows { t.note(row) }
            tally = t
        }
        if let misfit = tally.misfit {
            throw fail(.rowWidth(row: source.firstRow + 1 + misfit.row, values: misfit.values, headers: count))
        }
        guard !table.valueName.isEmpty, !seen.contains(table.valueName.lowercased()) else { throw fail(.valueNameTaken(table.valueName)) }
        let lastSourceRow = source.firstRow + rowCount, lastSourceColumn = source.firstColumn + count - 1
        guard source.firstRow >= 0, source.firstColumn >= 0, lastSourceRow < Worksheet.maxRows, lastSourceColumn < Worksheet.maxColumns else {
            throw fail(.doesNotFit("origen hasta la fila \(lastSourceRow + 1), columna \(lastSourceColumn + 1)"))
        }

        fields = source.headers.enumerated().map { i, header in
            let kinds = tally.kinds[i]
            let numberFormat = kinds.date && !kinds.number && !kinds.text ? (tally.timed[i] ? 22 : 14) : 0
            return Field(name: TextSafety.isClean(header) ? header : TextSafety.clean(header).0, numberFormat: numberFormat, kinds: kinds,
                         items: onAxis.contains(i) ? tally.items[i].sorted(by: <) : nil)
        }
        self.table = table
        records = rowCount
        sourceRef = CellName.range(CellRange(firstRow: source.firstRow, firstColumn: source.firstColumn, lastRow: lastSourceRow, lastColumn: lastSourceColumn))
        let top = table.pageFields.isEmpty ? 0 : table.pageFields.count + 1
        let bodyRows = 1 + (fields[table.rowField].items?.count ?? 0) + (table.grandTotals ? 1 : 0)
        location = CellRange(firstRow: top, firstColumn: 0, lastRow: top + bodyRows - 1, lastColumn: 1)
        guard location.lastRow < Worksheet.maxRows else { throw fail(.doesNotFit("la tabla llegaría a la fila \(location.lastRow + 1)")) }
    }
}

extension PivotLayout.Kinds {
    mutating func note(_ item: PivotItem) {
        switch item {
        case .text(let s):
            text = true
            if s.unicodeScalars.count > 255 { longText = true }
        case .number(let d):
            number = true
            if d != d.rounded() { integer = false }
            minNumber = Swift.min(minNumber ?? d, d)
            maxNumber = Swift.max(maxNumber ?? d, d)
        case .date(let iso):
            date = true
            minDate = Swift.min(minDate ?? iso, iso)
            maxDate = Swift.max(maxDate ?? iso, iso)
        case .bool: bool = true
        case .blank: blank = true
        }
    }

    /// The `sharedItems` attributes, written only where they differ from the schema's defaults
    /// (containsSemiMixedTypes, containsString and containsNonDate default to true).
    var attributes: [(String, String)] {
        var out: [(String, String)] = []
        let kindsPresent = [text, number, date, bool].filter { $0 }.count
        if !text && !blank && !bool { out.append(("containsSemiMixedTypes", "0")) }
        if date && !text && !number && !bool && !blank { out.append(("containsNonDate", "0")) }
        if date { out.append(("containsDate", "1")) }
        if !text { out.append(("containsString", "0")) }
        if blank { out.append(("containsBlank", "1")) }
        if kindsPresent > 1 { out.append(("containsMixedTypes", "1")) }
        if number {
            out.append(("containsNumber", "1"))
            if integer { out.append(("containsInteger", "1")) }
            if let minNumber, let maxNumber, !date {
                out.append(("minValue", PivotNumber.text(minNumber)))
                out.append(("maxValue", PivotNumber.text(maxNumber)))
            }
        }
        if date, let minDate, let maxDate, !number {
            out.append(("minDate", minDate))
            out.append(("maxDate", maxDate))
        }
        if longText { out.append(("longText", "1")) }
        return out
    }
}
