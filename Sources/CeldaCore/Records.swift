import XLSXReader

/// One data row of a base, its fields typed, with the sheet row it came from.
public struct Record: Sendable {
    public var row: Int
    public var fields: [String: FieldValue]

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

    public init(kind: Templates.Kind, mapping: HeaderMatcher.Mapping, today: CalendarDate) {
        self.kind = kind
        self.mapping = mapping
        self.today = today
    }

    public func build(_ rows: [Row]) -> (records: [Record], issues: [RowIssue]) {
        var records: [Record] = []
        var issues: [RowIssue] = []
        var seen: [String: Int] = [:]
        for row in rows where row.number > mapping.headerRow {
            var byColumn: [Int: CellValue] = [:]
            for cell in row.cells { byColumn[cell.column] = cell.value }
            var record = Record(row: row.number, fields: [:])
            for field in kind.fields {
                guard let column = mapping.columns[field.field] else { continue }
                let cell = byColumn[column] ?? .empty
                guard let value = FieldTyping.value(cell, as: field.type) else {
                    let code: RowIssue.Code = field.type == .number ? .unparseableNumber : (field.type == .account ? .invalidAccount : .unparseableDate)
                    issues.append(RowIssue(code: code, row: row.number, column: column, field: field.field,
                                           message: "«\(FieldTyping.display(cell))» no es \(FieldTyping.typeName(field.type)) válida"))
                    record.fields[field.field] = .missing
                    continue
                }
                record.fields[field.field] = value
                switch value {
                case .missing where field.isRequired:
                    issues.append(RowIssue(code: .missingRequired, row: row.number, column: column, field: field.field,
                                           message: "falta «\(field.aliases[0])»"))
                case .account(let digits) where !accountDigits.contains(digits.count):
                    issues.append(RowIssue(code: .invalidAccount, row: row.number, column: column, field: field.field,
                                           message: "la cuenta «\(digits)» no tiene entre \(accountDigits.lowerBound) y \(accountDigits.upperBound) dígitos"))
                case .text(let t) where field.type == .account:
                    issues.append(RowIssue(code: .invalidAccount, row: row.number, column: column, field: field.field,
                                           message: "la cuenta «\(t)» tiene caracteres que no son dígitos"))
                case .date(let d, _) where d > today:
                    issues.append(RowIssue(code: .futureDate, row: row.number, column: column, field: field.field,
                                           message: "la fecha \(d) es posterior a hoy (\(today))"))
                default: break
                }
            }
            let key = kind.fields.map { "\(record.fields[$0.field] ?? .missing)" }.joined(separator: "\u{1F}")
            if let first = seen[key] {
                issues.append(RowIssue(code: .duplicateRow, row: row.number, column: nil, field: nil,
                                       message: "la fila \(row.number) repite la fila \(first)"))
            } else {
                seen[key] = row.number
            }
            records.append(record)
        }
        return (records, issues)
    }
}

extension FieldTyping {
    static func typeName(_ t: Templates.Field.ValueType) -> String {
        switch t {
        case .date, .datetime: return "una fecha"
        case .number: return "un número"
        case .account: return "una cuenta"
        case .text, .list: return "un texto"
        }
    }
}
