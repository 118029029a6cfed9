import XLSXReader

/// One data row of a base, its fields typed, with the sheet row it came from.
public struct Record: Sendable {
    public var row: Int
    public var fields: RecordFields
    /// Rows the gestionado moves every row up by (the title rows above the header): a message
    /// naming another row names it as the person reads it there, `row − shift`.
    public var shift = 0

    public init(row: Int, fields: [String: FieldValue], shift: Int = 0) {
        self.init(row: row, fields: RecordFields(fields), shift: shift)
    }

    public init(row: Int, fields: RecordFields, shift: Int = 0) {
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
    /// The slot of each mapped field in every record built (the plan's order).
    let slots: FieldSlots

    public init(kind: Templates.Kind, mapping: HeaderMatcher.Mapping, today: CalendarDate) {
        self.kind = kind
        self.mapping = mapping
        self.today = today
        plan = kind.fields.compactMap { f in mapping.columns[f.field].map { (f, $0) } }
        slots = FieldSlots(plan.map(\.field.field))
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

    /// The same from the row's typed values (`values(of:)`), without looking fields up by name.
    public func duplicateKey(values: [FieldValue?]) -> [FieldValue] { values.map { $0 ?? .missing } }

    /// `shift`: the title rows the gestionado leaves out, so the rows are named as it shows them.
    public static func duplicate(_ row: Int, of first: Int, shift: Int = 0) -> RowIssue {
        RowIssue(code: .duplicateRow, row: row, column: nil, field: nil, words: .duplicateRow(row: row - shift, of: first - shift))
    }

    /// One row's fields, typed, with what is wrong in it.
    func typed(_ row: Row) -> (Record, [RowIssue]) { record(row, values: values(of: row)) }

    /// The columns of the mapped fields, in the order `values(of:)` gives their values.
    public var plannedColumns: [Int] { plan.map(\.column) }

    /// Each mapped field's cell typed (nil: a cell its type cannot read), in `plannedColumns`
    /// order: the costly half of typing, done once a row (a base's rows go to the spool with them).
    public func values(of row: Row) -> [FieldValue?] {
        plan.map { field, column in FieldTyping.value(row.value(at: column), as: field.type) }
    }

    /// A row's record without what is wrong in it: what a first pass notes.
    public func recordWithoutIssues(_ row: Row, values: [FieldValue?]) -> Record {
        // A cell its type cannot read is a missing value, as `record` has it.
        Record(row: row.number, fields: RecordFields(slots: slots, values: values.map { $0 ?? .missing }), shift: mapping.headerRow - 1)
    }

    /// A row's record and what is wrong in it, from its typed values (`values(of:)`).
    public func record(_ row: Row, values: [FieldValue?]) -> (Record, [RowIssue]) {
        var issues: [RowIssue] = []
        let record = recordWithoutIssues(row, values: values)
        for ((field, column), typed) in zip(plan, values) {
            guard let value = typed else {
                let cell = row.value(at: column)
                let code: RowIssue.Code = field.type == .number ? .unparseableNumber : (field.type == .account ? .invalidAccount : .unparseableDate)
                issues.append(RowIssue(code: code, row: row.number, column: column, field: field.field,
                                       words: .notValid(shown: FieldTyping.display(cell), type: field.type)))
                continue
            }
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
