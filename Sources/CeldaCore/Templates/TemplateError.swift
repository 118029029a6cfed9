/// A template that cannot be used: which file, which key, what is wrong. The words a user
/// reads are made from it in each language by the pipeline's messages.
public struct TemplateError: Error, Equatable, Sendable {
    public enum Problem: Equatable, Sendable {
        /// No Templates/ folder was found (none given, none next to the program).
        case folderNotFound
        case missingFile
        /// The file exists but cannot be read as UTF-8 text.
        case unreadable
        case invalidYAML(String)
        case missingKey(String)
        /// A value of the wrong type; the decoder's own words.
        case invalidValue(String)
        case noRequiredField
        case fieldWithoutAliases(String)
        case duplicateCode(String)
        case notADate(String)
        case badFolderNames
        case badWeekday(Int)
        case unknownTimeZone(String)
    }

    public var file: String
    public var key: String?
    public var problem: Problem

    public init(file: String, key: String?, problem: Problem) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    init(decoding error: DecodingError, file: String) {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { k in k.intValue.map { "[\($0)]" } ?? "." + k.stringValue }.joined().trimmingPrefix(".").description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            self.init(file: file, key: parent.isEmpty ? key.stringValue : parent + "." + key.stringValue, problem: .missingKey(key.stringValue))
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            self.init(file: file, key: path(context.codingPath), problem: .invalidValue(context.debugDescription))
        @unknown default:
            self.init(file: file, key: nil, problem: .invalidValue("\(error)"))
        }
    }
}
