import CeldaCore
import Foundation

/// How `case_record.form_errors` holds a case's form errors: a JSON array of `{"code", "message"}`
/// (messages may hold any character, a newline included). A history written before the codes
/// holds the messages one per line: those read back as `otro`, words intact.
enum FormErrorColumn {
    private struct Entry: Codable {
        var code: String
        var message: String
    }

    static func encode(_ errors: [FormError]) -> String {
        guard !errors.isEmpty else { return "" }
        let entries = errors.map { Entry(code: $0.code.rawValue, message: $0.message) }
        // Encoding plain strings cannot fail; an empty column would only lose the codes.
        guard let data = try? JSONEncoder().encode(entries), let text = String(data: data, encoding: .utf8) else { return "" }
        return text
    }

    static func decode(_ text: String) -> [FormError] {
        guard !text.isEmpty else { return [] }
        if text.hasPrefix("["), let entries = try? JSONDecoder().decode([Entry].self, from: Data(text.utf8)) {
            return entries.map { FormError(FormError.Code(rawValue: $0.code) ?? .other, $0.message) }
        }
        return text.components(separatedBy: "\n").map { FormError(.other, $0) }
    }
}

/// `CaseRecord.formErrors` as its column holds it: text, never NULL (none is the empty text).
extension Array: CaseColumnValue where Element == FormError {
    static var storedType: CaseColumn.SQLType { .text }
    var stored: StoredValue { .text(FormErrorColumn.encode(self)) }
    init?(stored: StoredValue) {
        guard case .text(let s) = stored else { return nil }
        self = FormErrorColumn.decode(s)
    }
}
