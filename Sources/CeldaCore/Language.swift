/// The language of everything a user reads: Spanish unless asked for English (`--lang en`).
public enum Language: String, CaseIterable, Sendable {
    case es, en
}
