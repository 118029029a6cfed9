/// What the core says about a row — a problem the reader found in a cell, a form error — as a
/// code with its arguments. The words, in Spanish and English, are written here only
/// (`text(_:)`), so a `--lang en` gestionado says them in English and the history keeps the
/// operation's Spanish.
public enum RowWords: Hashable, Sendable {
    /// A cell that is not of its field's type.
    case notValid(shown: String, type: Templates.Field.ValueType)
    /// A required field left empty (its first alias names it).
    case missing(header: String)
    case accountLength(digits: String, min: Int, max: Int)
    case accountNotDigits(String)
    case futureDate(CalendarDate, today: CalendarDate)
    /// `row` repeats `of` (both as the gestionado numbers them).
    case duplicateRow(row: Int, of: Int)
    /// A survey's score that is not a whole number from 0 to 10.
    case scoreNotInteger(String)
    /// The form's causal (code · label) contradicts its motivo, whose words are those of `named`.
    case causalContradicts(given: String, named: [String])
    /// Words a kind said in both languages itself (mal escalados' evidence).
    case said(es: String, en: String)
    /// Words kept as they were stored (a history written before codes).
    case stored(String)

    public func text(_ language: Language) -> String {
        let en = language == .en
        switch self {
        case .notValid(let shown, let type):
            return en ? "\"\(shown)\" is not a valid \(Self.typeName(type, english: true))" : "«\(shown)» no es \(Self.typeName(type, english: false)) válida"
        case .missing(let header): return en ? "\"\(header)\" is missing" : "falta «\(header)»"
        case .accountLength(let digits, let min, let max):
            return en ? "the account \"\(digits)\" does not have \(min) to \(max) digits" : "la cuenta «\(digits)» no tiene entre \(min) y \(max) dígitos"
        case .accountNotDigits(let t): return en ? "the account \"\(t)\" has characters that are not digits" : "la cuenta «\(t)» tiene caracteres que no son dígitos"
        case .futureDate(let d, let today): return en ? "the date \(d) is after today (\(today))" : "la fecha \(d) es posterior a hoy (\(today))"
        case .duplicateRow(let row, let first): return en ? "row \(row) repeats row \(first)" : "la fila \(row) repite la fila \(first)"
        case .scoreNotInteger(let t):
            return en ? "the score \"\(t)\" is not a whole number from 0 to 10" : "la calificación «\(t)» no es un número entero de 0 a 10"
        case .causalContradicts(let given, let named):
            return en ? "causal \(given) contradicts the motivo (its words are those of \(named.joined(separator: " or ")))"
                      : "causal \(given) contradice el motivo (sus palabras son de \(named.joined(separator: " o ")))"
        case .said(let es, let english): return en ? english : es
        case .stored(let words): return words
        }
    }

    static func typeName(_ t: Templates.Field.ValueType, english: Bool) -> String {
        switch t {
        case .date, .datetime: return english ? "date" : "una fecha"
        case .number: return english ? "number" : "un número"
        case .account: return english ? "account" : "una cuenta"
        case .text, .list: return english ? "text" : "un texto"
        }
    }
}

extension Templates {
    /// A label said in both languages, each `{name}` replaced by its value: what a kind says of a
    /// row in its own words (its Templates file's `labels:`).
    public func words(_ key: String, _ values: [String: String] = [:]) -> RowWords {
        func fill(_ language: Language) -> String { values.reduce(label(key, language)) { $0.replacing("{\($1.key)}", with: $1.value) } }
        return .said(es: fill(.es), en: fill(.en))
    }
}
