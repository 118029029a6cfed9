import XLSXReader

/// One data row of a base, its fields typed, with the sheet row it came from.
public struct Record: Sendable {
    public var row: Int
    public var fields: [String: FieldValue]
    /// Rows the gestionado moves every row up by (the title rows above the header): a message
    /// naming another row names it as the person reads it there, `row − shift`.
    public var shift = 0

    public init(row: Int, fields: [String: FieldValue], shift: Int = 0) {
        self.row = row
        self.fields = fields
        self.shift = shift
    }

    public func text(_ field: String) -> String? {
        switch fields[field] {
        case .text(let t)?, .account(let t)?: return t
        case .number(let v)?: return FieldTyping.display(.number(v))
        case .list(let l)?: return l.joined(separator: ", ")
        default: return nil
        }
    }

    public func number(_ field: String) -> Double? {
        if case .number(let v)? = fields[field] { return v }
        return nil
    }

    public func has(_ field: String) -> Bool {
        switch fields[field] {
        case nil, .missing?: return false
        default: return true
        }
    }
}

/// Builds typed records from the rows below the header, flagging (never dropping) what is wrong.
public struct RecordBuilder: Sendable {
    public let kind: Templates.Kind
    public let mapping: HeaderMatcher.Mapping
    public let today: CalendarDate
    public var accountDigits: ClosedRange<Int> = 6...12

    /// The mapped fields and their columns, decided once for all rows.
    let plan: [(field: Templates.Field, column: Int)]

    public init(kind: Templates.Kind, mapping: HeaderMatcher.Mapping, today: CalendarDate) {
        self.kind = kind
        self.mapping = mapping
        self.today = today
        plan = kind.fields.compactMap { f in mapping.columns[f.field].map { (f, $0) } }
    }

    public func build(_ rows: [Row]) -> (records: [Record], issues: [RowIssue]) {
        // Rows are typed in parallel chunks; duplicates, which look across rows, come after.
        let data = rows.filter { $0.number > mapping.headerRow }
        let typed: [(Record, [RowIssue])] = Parallel.map(data) { chunk in chunk.map { self.typed($0) } }
        var duplicates = DuplicateRows()
        for (record, _) in typed { duplicates.note(row: record.row, values: duplicateKey(record)) }
        duplicates.seal()
        var records: [Record] = []
        var issues: [RowIssue] = []
        records.reserveCapacity(typed.count)
        for (record, rowIssues) in typed {
            issues.append(contentsOf: rowIssues)
            if let first = duplicates.earlierRow(repeatedBy: record.row, values: duplicateKey(record)) {
                issues.append(Self.duplicate(record.row, of: first, shift: record.shift))
            }
            records.append(record)
        }
        return (records, issues)
    }

    /// The values two rows must share to be the same row: every mapped field.
    public func duplicateKey(_ record: Record) -> [FieldValue] { plan.map { record.fields[$0.field.field] ?? .missing } }

    /// `shift`: the title rows the gestionado leaves out, so the rows are named as it shows them.
    public static func duplicate(_ row: Int, of first: Int, shift: Int = 0) -> RowIssue {
        RowIssue(code: .duplicateRow, row: row, column: nil, field: nil, words: .duplicateRow(row: row - shift, of: first - shift))
    }

    /// Types a chunk of rows (from several threads at once).
    public func typed(_ rows: ArraySlice<Row>) -> [(Record, [RowIssue])] { rows.map(typed) }

    /// One row's fields, typed, with what is wrong in it.
    func typed(_ row: Row) -> (Record, [RowIssue]) {
        var issues: [RowIssue] = []
        do {
            var record = Record(row: row.number, fields: Dictionary(minimumCapacity: plan.count), shift: mapping.headerRow - 1)
            for (field, column) in plan {
                // Cells come in column order; look for this column without building a map per row.
                var cell = CellValue.empty
                for c in row.cells where c.column == column { cell = c.value; break }
                guard let value = FieldTyping.value(cell, as: field.type) else {
                    let code: RowIssue.Code = field.type == .number ? .unparseableNumber : (field.type == .account ? .invalidAccount : .unparseableDate)
                    issues.append(RowIssue(code: code, row: row.number, column: column, field: field.field,
                                           words: .notValid(shown: FieldTyping.display(cell), type: field.type)))
                    record.fields[field.field] = .missing
                    continue
                }
                record.fields[field.field] = value
                switch value {
                case .missing where field.isRequired:
                    issues.append(RowIssue(code: .missingRequired, row: row.number, column: column, field: field.field,
                                           words: .missing(header: field.aliases[0])))
                case .account(let digits) where !accountDigits.contains(digits.count):
                    issues.append(RowIssue(code: .invalidAccount, row: row.number, column: column, field: field.field,
                                           words: .accountLength(digits: digits, min: accountDigits.lowerBound, max: accountDigits.upperBound)))
                case .text(let t) where field.type == .account:
                    issues.append(RowIssue(code: .invalidAccount, row: row.number, column: column, field: field.field,
                                           words: .accountNotDigits(t)))
                case .date(let d, _) where d > today && !field.allowsFuture:
                    issues.append(RowIssue(code: .futureDate, row: row.number, column: column, field: field.field,
                                           words: .futureDate(d, today: today)))
                default: break
                }
            }
            return (record, issues)
        }
    }
}

