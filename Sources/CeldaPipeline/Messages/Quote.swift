import CeldaCore
import Foundation

/// Quoting as each language writes it: «Base.xlsx» in Spanish, "Base.xlsx" in English.
public enum Quote {
    public static func text(_ s: String, _ language: Language) -> String {
        language == .es ? "«\(s)»" : "\"\(s)\""
    }

    /// A file by its name only: the folder is the user's own and long.
    public static func file(_ path: String, _ language: Language) -> String {
        text((path as NSString).lastPathComponent, language)
    }
}
