import CXLSXWriter

/// A libxlsxwriter status code. Modelled as a raw value so a code this build does not name
/// still round-trips and prints.
public struct LXWCode: RawRepresentable, Equatable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    init(_ e: lxw_error) { rawValue = Int32(truncatingIfNeeded: e.rawValue) }

    /// The C enum value, if the code is one libxlsxwriter can name. -1 (what a nil from
    /// `workbook_add_chart` becomes) is not: `UInt32(-1)` would trap while building a message.
    var lxw: lxw_error? {
        guard rawValue >= 0, rawValue <= Int32(LXW_MAX_ERRNO.rawValue) else { return nil }
        return lxw_error(UInt32(truncatingIfNeeded: rawValue))
    }

    /// libxlsxwriter's own text for the code.
    public var description: String {
        guard let lxw else { return "código \(rawValue) de libxlsxwriter" }
        return String(cString: lxw_strerror(lxw))
    }
}

/// Why a workbook could not be written. Each case names the Excel rule that was broken.
public struct WriterError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A libxlsxwriter call failed; `call` is the C function.
        case library(LXWCode, call: String)
        case workbookClosed
        case cannotCreateTemporaryFile(String)
        case cannotSave(String)
        case rowOutOfRange(Int)
        case columnOutOfRange(Int)
        /// In constant-memory mode rows go out as they are finished; an earlier one cannot return.
        case rowAlreadyWritten(row: Int, current: Int)
        case invalidRange(String)
        case invalidName(String)
        case emptyList
        /// A pivot table broke one of the rules checked before writing it.
        case pivotTable(PivotTableRule)
    }

    public var kind: Kind
    public var sheet: String?
    public var cell: String?
    /// What libxlsxwriter said about the failed call, when it said something (in English).
    public var libraryMessage: String?

    public init(_ kind: Kind, sheet: String? = nil, cell: String? = nil) {
        self.kind = kind
        self.sheet = sheet
        self.cell = cell
    }

    /// The rule in Spanish, for the one line a user reads.
    public var description: String { message(english: false) }

    /// The rule in Spanish or in English: every case's words in both languages, here only.
    public func message(english: Bool) -> String {
        func say(_ es: String, _ en: String) -> String { english ? en : es }
        var place = ""
        if let sheet {
            place += english ? " (sheet \"\(sheet)\"" + (cell.map { ", \($0)" } ?? "") + ")"
                             : " (hoja «\(sheet)»" + (cell.map { ", \($0)" } ?? "") + ")"
        }
        let text: String
        switch kind {
        case .library(let code, let call):
            text = say("libxlsxwriter rechazó \(call): \(WriterError.rule(for: code))", "libxlsxwriter refused \(call): \(code)")
        case .workbookClosed: text = say("el libro ya se cerró; no se puede escribir en él", "the workbook is already closed")
        case .cannotCreateTemporaryFile(let why): text = say("no se pudo crear el archivo temporal (\(why))", "the temporary file could not be created (\(why))")
        case .cannotSave(let why): text = say("no se pudo guardar el libro (\(why))", "the workbook could not be saved (\(why))")
        case .rowOutOfRange(let r): text = say("la fila \(r + 1) supera el máximo de Excel (1.048.576)", "row \(r + 1) is past Excel's last row (1,048,576)")
        case .columnOutOfRange(let c):
            text = say("la columna \(c + 1) supera el máximo de Excel (16.384)", "column \(c + 1) is past Excel's last column (16,384)")
        case .rowAlreadyWritten(let row, let current):
            text = say("la fila \(row + 1) ya se escribió (va en la \(current + 1)); en modo de memoria constante las filas van en orden",
                       "row \(row + 1) was already written (at \(current + 1)); constant-memory mode writes rows in order")
        case .invalidRange(let r): text = say("rango inválido «\(r)»", "invalid range \"\(r)\"")
        case .invalidName(let n): text = say("nombre inválido «\(n)»", "invalid name \"\(n)\"")
        case .emptyList: text = say("la lista desplegable no tiene valores", "the dropdown list has no values")
        case .pivotTable(let rule): text = say("tabla dinámica: ", "pivot table: ") + WriterError.rule(for: rule, english: english)
        }
        return text + place
    }

    static func rule(for rule: PivotTableRule, english: Bool) -> String {
        func say(_ es: String, _ en: String) -> String { english ? en : es }
        switch rule {
        case .emptySource: return say("el origen no tiene filas de datos (una tabla dinámica necesita al menos una); no se escribe",
                                      "the source has no data rows (a pivot table needs at least one); not written")
        case .sourceSheetMissing(let s): return say("la hoja de origen «\(s)» no está en el libro", "the source sheet \"\(s)\" is not in the workbook")
        case .noFields: return say("el origen no tiene columnas", "the source has no columns")
        case .rowWidth(let row, let values, let headers):
            return say("la fila \(row + 1) del origen tiene \(values) valores y hay \(headers) encabezados",
                       "row \(row + 1) of the source has \(values) values for \(headers) headers")
        case .blankFieldName(let c):
            return say("la columna \(CellName.column(c)) del origen no tiene encabezado", "column \(CellName.column(c)) of the source has no header")
        case .duplicateFieldName(let n): return say("el encabezado «\(n)» se repite en el origen", "the header \"\(n)\" appears twice in the source")
        case .fieldOutOfRange(let f, let fields): return say("el campo \(f) no existe (el origen tiene \(fields))", "field \(f) does not exist (the source has \(fields))")
        case .fieldOnTwoAxes(let n): return say("el campo «\(n)» está en dos áreas", "the field \"\(n)\" is in two areas")
        case .valueNameTaken(let n):
            return say("el nombre del valor «\(n)» está vacío o es el de un campo del origen", "the value name \"\(n)\" is empty or a source field's name")
        case .invalidTableName(let n): return say("nombre de tabla inválido «\(n)»", "invalid table name \"\(n)\"")
        case .doesNotFit(let why): return say("no cabe en la hoja (\(why))", "it does not fit on the sheet (\(why))")
        case .sheetAlreadyHasPivot(let s): return say("la hoja «\(s)» ya tiene una tabla dinámica", "the sheet \"\(s)\" already has a pivot table")
        case .fieldNotTallied(let s): return say("el origen no guardó los elementos del campo «\(s)»", "the source did not keep the items of the field \"\(s)\"")
        }
    }

    static func rule(for code: LXWCode) -> String {
        switch code.lxw {
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED: return "el nombre de hoja supera 31 caracteres"
        case LXW_ERROR_INVALID_SHEETNAME_CHARACTER: return "el nombre de hoja contiene [ ] : * ? / \\"
        case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE: return "el nombre de hoja empieza o termina con apóstrofo"
        case LXW_ERROR_SHEETNAME_ALREADY_USED: return "ya hay una hoja con ese nombre"
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: return "el texto supera 32.767 caracteres por celda"
        case LXW_ERROR_255_STRING_LENGTH_EXCEEDED: return "el texto supera 255 caracteres (límite de listas y fórmulas)"
        case LXW_ERROR_128_STRING_LENGTH_EXCEEDED: return "el texto supera 128 caracteres"
        case LXW_ERROR_32_STRING_LENGTH_EXCEEDED: return "el texto supera 32 caracteres"
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: return "la celda está fuera de la hoja (1.048.576 filas × 16.384 columnas)"
        case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED: return "el vínculo supera 2.079 caracteres"
        case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED: return "la hoja supera 65.530 vínculos"
        case LXW_ERROR_CREATING_XLSX_FILE: return "no se pudo crear el archivo .xlsx (¿carpeta sin permiso de escritura?)"
        case LXW_ERROR_CREATING_TMPFILE: return "no se pudo crear un archivo temporal"
        case LXW_ERROR_PARAMETER_VALIDATION: return "un parámetro no cumple las reglas de Excel"
        default: return code.description
        }
    }
}

/// Something written differently from what was asked, so that it could be written at all:
/// never silent, always reported with its cell.
public struct WriteIssue: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// XML-invalid control characters were removed (their count).
        case controlCharactersRemoved(Int)
        /// Text over 32,767 characters was cut to that length (original length).
        case textTruncated(originalLength: Int)
        /// A sheet name was changed to follow Excel's rules.
        case sheetRenamed(from: String, to: String)
        /// Rows past 1,048,576 continue on another sheet.
        case rowsSpilled(toSheet: String)
        /// What libxlsxwriter would have printed on the terminal (`LibraryWarnings`).
        case libraryWarning(String)
    }

    public var kind: Kind
    public var sheet: String
    public var cell: String?
}

@inline(__always)
func check(_ status: lxw_error, _ call: StaticString, sheet: String? = nil, row: Int? = nil, column: Int? = nil) throws {
    guard status != LXW_NO_ERROR else { return }
    let cell = row.flatMap { r in column.map { CellName.of(row: r, column: $0) } }
    var error = WriterError(.library(LXWCode(status), call: "\(call)"), sheet: sheet, cell: cell)
    error.libraryMessage = LibraryWarnings.take().last
    throw error
}

/// A1 names for messages.
public enum CellName {
    public static func column(_ c: Int) -> String {
        var n = c + 1, s: [Character] = []
        while n > 0 { s.append(Character(UnicodeScalar(UInt8(65 + (n - 1) % 26)))); n = (n - 1) / 26 }
        return String(s.reversed())
    }
    public static func of(row: Int, column: Int) -> String { self.column(column) + String(row + 1) }
    public static func range(_ r: CellRange) -> String {
        of(row: r.firstRow, column: r.firstColumn) + ":" + of(row: r.lastRow, column: r.lastColumn)
    }
}

/// A rectangular range, 0-based and inclusive.
public struct CellRange: Equatable, Hashable, Sendable {
    public var firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int
    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }
    public init(row: Int, column: Int) { self.init(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column) }
    /// `$A$1:$B$9` style, for formulas.
    public var absolute: String {
        "$\(CellName.column(firstColumn))$\(firstRow + 1):$\(CellName.column(lastColumn))$\(lastRow + 1)"
    }
}
