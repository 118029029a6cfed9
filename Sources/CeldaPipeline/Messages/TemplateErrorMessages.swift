import CeldaCore
import Foundation

extension TemplateError {
    /// The file, the key and what is wrong, then what to do.
    public func message(_ language: Language) -> String {
        let es = language == .es
        let place = (es ? "plantilla " : "template ") + Quote.text(file, language)
            + (key.map { (es ? ", clave " : ", key ") + Quote.text($0, language) } ?? "")
        let todo = es ? "Corrija la plantilla o indique otra carpeta con --templates" : "Fix the template or point to another folder with --templates"
        return "\(place): \(problemText(language)). \(todo)"
    }

    private func problemText(_ language: Language) -> String {
        let q = { (s: String) in Quote.text(s, language) }
        switch (problem, language) {
        case (.folderNotFound, .es): return "no se encontró la carpeta de plantillas (Templates/ junto al programa, CELDA_TEMPLATES o --templates)"
        case (.folderNotFound, .en): return "the templates folder was not found (Templates/ beside the program, CELDA_TEMPLATES or --templates)"
        case (.missingFile, .es): return "falta el archivo"
        case (.missingFile, .en): return "the file is missing"
        case (.unreadable, .es): return "no se pudo leer (¿existe y está en UTF-8?)"
        case (.unreadable, .en): return "cannot be read (does it exist, in UTF-8?)"
        case (.invalidYAML(let why), .es): return "YAML inválido: \(why)"
        case (.invalidYAML(let why), .en): return "invalid YAML: \(why)"
        case (.missingKey(let k), .es): return "falta la clave \(q(k))"
        case (.missingKey(let k), .en): return "key \(q(k)) is missing"
        case (.invalidValue(let why), .es): return "valor inválido: \(why)"
        case (.invalidValue(let why), .en): return "invalid value: \(why)"
        case (.noRequiredField, .es): return "ningún campo es obligatorio; no se podría reconocer el tipo de base"
        case (.noRequiredField, .en): return "no field is required, so the kind of base could not be recognised"
        case (.fieldWithoutAliases(let f), .es): return "el campo \(q(f)) no tiene encabezados"
        case (.fieldWithoutAliases(let f), .en): return "field \(q(f)) has no headers"
        case (.duplicateCode(let c), .es): return "el código \(c) está repetido"
        case (.duplicateCode(let c), .en): return "code \(c) is repeated"
        case (.notADate(let d), .es): return "\(q(d)) no es una fecha aaaa-mm-dd"
        case (.notADate(let d), .en): return "\(q(d)) is not a yyyy-mm-dd date"
        case (.badFolderNames, .es): return "los nombres de carpeta deben ser distintos, no vacíos y sin /"
        case (.badFolderNames, .en): return "folder names must differ, not be empty and hold no /"
        case (.badWeekday(let d), .es): return "\(d) no es un día de 1 (lunes) a 7 (domingo)"
        case (.badWeekday(let d), .en): return "\(d) is not a day from 1 (Monday) to 7 (Sunday)"
        case (.unknownTimeZone(let z), .es): return "\(q(z)) no es una zona horaria conocida (p. ej. America/Bogota)"
        case (.unknownTimeZone(let z), .en): return "\(q(z)) is not a known time zone (e.g. America/Bogota)"
        }
    }
}
