import XLSXReader
import XLSXWriter

/// A read cell as a cell to write, its number format, and a note when its type had to change.
enum CellConversion {
    static func writable(_ value: CellValue) -> (WritableValue, String?, String?) {
        switch value {
        case .empty: return (.blank, nil, nil)
        case .text(let t): return (.text(t), nil, nil)
        case .number(let n): return (.number(n), nil, nil)
        case .bool(let b): return (.bool(b), nil, nil)
        case .date(let d):
            switch d.kind {
            case .date: return (.number(d.serial), "dd/mm/yyyy", nil)
            case .dateTime: return (.number(d.serial), "dd/mm/yyyy hh:mm:ss", nil)
            case .time: return (.number(d.serial), "hh:mm:ss", nil)
            case .duration: return (.number(d.serial), "[h]:mm:ss", nil)
            }
        case .error(let e):
            // libxlsxwriter 1.1.4 cannot write an error cell: the text stays, the change is said.
            return (.text(e), nil, "el valor de error \(e) se escribió como texto")
        }
    }
}
