import CeldaCore
import Foundation
import XLSXReader

/// The one line a user reads when a file cannot be read: which file, what is wrong, what to do.
/// Every reader refusal has its sentence here, in Spanish and English, and nowhere else.
extension ReaderError {
    public func message(_ language: Language) -> String {
        let name = Quote.file(file, language)
        var place: [String] = []
        if let sheet { place.append((language == .es ? "hoja " : "sheet ") + Quote.text(sheet, language)) }
        if let part, sheet == nil { place.append(part) }
        if let location { place.append(location) }
        if let line { place.append((language == .es ? "línea " : "line ") + String(line)) }
        let at = place.isEmpty ? "" : " (" + place.joined(separator: ", ") + ")"
        let (what, todo) = language == .es ? spanish : english
        return "\(name)\(at): \(what). \(todo)"
    }

    private var spanish: (String, String) {
        switch kind {
        case .fileNotFound: return ("no existe el archivo", "Revise la ruta y el nombre")
        case .unreadableFile(let why): return ("no se pudo leer el archivo (\(why))", "Revise los permisos o si otro programa lo tiene abierto")
        case .emptyFile: return ("el archivo está vacío (0 bytes)", "Vuelva a descargarlo o a exportarlo")
        case .notASpreadsheet: return ("no es un libro de Excel (.xlsx) ni un CSV", "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»")
        case .encrypted: return ("el libro está protegido con contraseña (cifrado)", "Ábralo en Excel, quite la contraseña (Archivo › Información › Proteger libro) y guárdelo de nuevo como .xlsx")
        case .legacyXLS: return ("es un libro antiguo de Excel 97-2003 (.xls) con extensión cambiada", "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»")
        case .openDocument: return ("es una hoja de cálculo OpenDocument (.ods), no .xlsx", "Ábrala en LibreOffice o Excel y guárdela como .xlsx")
        case .binaryXLSB: return ("es un libro binario de Excel (.xlsb), que Celda no lee", "Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)»")
        case .notOOXMLPackage: return ("es un archivo .zip pero no contiene un libro de Excel", "Verifique que adjuntó el archivo correcto y guárdelo como .xlsx")
        case .corruptZip(let why): return ("el archivo está dañado o incompleto (\(why))", "Vuelva a descargarlo; si persiste, ábralo en Excel y guárdelo de nuevo")
        case .ambiguousPackage(let part): return ("el archivo contiene dos veces la parte «\(part)» y no se sabe cuál vale", "Ábralo en Excel y guárdelo de nuevo como .xlsx")
        case .missingPart(let part): return ("falta la parte «\(part)» del libro", "El archivo está incompleto: vuelva a descargarlo o guárdelo de nuevo desde Excel")
        case .malformedXML(let why): return ("el contenido XML está dañado (\(why))", "Ábralo en Excel y guárdelo de nuevo como .xlsx")
        case .forbiddenDTD: return ("el archivo trae declaraciones DTD/entidades que un libro de Excel nunca tiene (posible archivo malicioso)", "No lo abra; pida el archivo original a quien lo envió")
        case .unsupportedNamespace(let ns): return ("usa un formato de hoja de cálculo no estándar (\(ns))", "Ábralo en Excel y guárdelo como .xlsx actual")
        case .invalidAttribute(let what): return ("tiene un valor inválido: \(what)", "Ábralo en Excel y guárdelo de nuevo como .xlsx")
        case .zipBomb: return ("el contenido comprimido crece de forma desproporcionada (posible bomba zip)", "No lo procese; pida el archivo original a quien lo envió")
        case .tooLarge(let what): return ("una parte del libro («\(what)») supera el tamaño permitido", "Divida el libro en archivos más pequeños")
        case .invalidCellReference(let ref): return ("referencia de celda inválida «\(ref)»", "Ábralo en Excel y guárdelo de nuevo como .xlsx")
        case .sharedStringMissing(let i): return ("una celda apunta al texto compartido n.º \(i), que no existe", "El archivo está dañado: ábralo en Excel y guárdelo de nuevo")
        case .noSheets: return ("el libro no tiene hojas", "Verifique que exportó el archivo correcto")
        case .sheetNotFound(let s, let available): return ("no hay una hoja «\(s)»", "Hojas disponibles: " + available.map { "«\($0)»" }.joined(separator: ", "))
        case .notAWorksheet(let s): return ("la hoja «\(s)» es un gráfico, no tiene celdas", "Elija una hoja de datos con --sheet")
        case .csvUnclosedQuote: return ("el CSV está mal formado (comillas sin cerrar)", "Revise las comillas en esa línea o expórtelo de nuevo")
        }
    }

    private var english: (String, String) {
        switch kind {
        case .fileNotFound: return ("file not found", "Check the path and name")
        case .unreadableFile(let why): return ("cannot read the file (\(why))", "Check permissions or whether another program holds it open")
        case .emptyFile: return ("the file is empty (0 bytes)", "Download or export it again")
        case .notASpreadsheet: return ("not an Excel workbook (.xlsx) nor a CSV", "Open it in Excel and save it as \"Excel Workbook (.xlsx)\"")
        case .encrypted: return ("the workbook is password-protected (encrypted)", "Open it in Excel, remove the password and save it again as .xlsx")
        case .legacyXLS: return ("it is a legacy Excel 97-2003 workbook (.xls) renamed", "Open it in Excel and save it as \"Excel Workbook (.xlsx)\"")
        case .openDocument: return ("it is an OpenDocument spreadsheet (.ods), not .xlsx", "Open it in LibreOffice or Excel and save it as .xlsx")
        case .binaryXLSB: return ("it is a binary Excel workbook (.xlsb), which Celda does not read", "Open it in Excel and save it as .xlsx")
        case .notOOXMLPackage: return ("it is a zip file but holds no Excel workbook", "Check you attached the right file and save it as .xlsx")
        case .corruptZip(let why): return ("the file is damaged or incomplete (\(why))", "Download it again; if that fails, open and re-save it in Excel")
        case .ambiguousPackage(let part): return ("the file holds part \"\(part)\" twice and which one counts is unclear", "Open it in Excel and save it again")
        case .missingPart(let part): return ("part \"\(part)\" of the workbook is missing", "The file is incomplete: download it again or re-save it in Excel")
        case .malformedXML(let why): return ("its XML is damaged (\(why))", "Open it in Excel and save it again")
        case .forbiddenDTD: return ("it carries DTD/entity declarations no Excel workbook has (possibly malicious)", "Do not open it; ask the sender for the original")
        case .unsupportedNamespace(let ns): return ("it uses a non-standard spreadsheet format (\(ns))", "Open it in Excel and save it as a current .xlsx")
        case .invalidAttribute(let what): return ("it has an invalid value: \(what)", "Open it in Excel and save it again")
        case .zipBomb: return ("its compressed content expands out of all proportion (possible zip bomb)", "Do not process it; ask the sender for the original")
        case .tooLarge(let what): return ("a part of the workbook (\"\(what)\") is over the size limit", "Split the workbook into smaller files")
        case .invalidCellReference(let ref): return ("invalid cell reference \"\(ref)\"", "Open it in Excel and save it again")
        case .sharedStringMissing(let i): return ("a cell points to shared string #\(i), which does not exist", "The file is damaged: open it in Excel and save it again")
        case .noSheets: return ("the workbook has no sheets", "Check you exported the right file")
        case .sheetNotFound(let s, let available): return ("no sheet \"\(s)\"", "Available sheets: " + available.map { "\"\($0)\"" }.joined(separator: ", "))
        case .notAWorksheet(let s): return ("sheet \"\(s)\" is a chart and has no cells", "Choose a data sheet with --sheet")
        case .csvUnclosedQuote: return ("the CSV is malformed (a quote is never closed)", "Check the quotes on that line or export it again")
        }
    }
}
