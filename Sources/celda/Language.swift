import ArgumentParser

/// The language of what the user reads: Spanish unless `--lang en`.
enum Language: String, ExpressibleByArgument, CaseIterable, Sendable {
    case es, en
}
