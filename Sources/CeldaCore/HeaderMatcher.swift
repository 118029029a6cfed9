import Foundation
import XLSXReader

/// Finds the header row of a base among its first rows, recognises its kind by the fields it
/// has, and maps every column to a field or keeps it as unknown. Headers are compared
/// ignoring accents, case, punctuation and spacing; a header that matches no alias exactly
/// may still be taken by close spelling, and then the guess is said.
public struct HeaderMatcher: Sendable {
    public struct Mapping: Equatable, Sendable {
        public var kind: String
        /// 1-based row of the headers; rows above it are titles, not data.
        public var headerRow: Int
        /// Field → 0-based column.
        public var columns: [String: Int]
        /// Columns no field claims, kept as they are: (column, header text).
        public var unknown: [Column]
        /// Required fields not found, with the header that came closest (if any).
        public var missing: [Missing]
        /// Fields taken by close spelling rather than an exact alias.
        public var guesses: [Guess]
        /// Text of the rows above the header (titles), kept for the metadata.
        public var titleRows: [String]

        public var isComplete: Bool { missing.isEmpty }
    }

    public struct Column: Equatable, Sendable { public var column: Int; public var header: String }
    public struct Missing: Equatable, Sendable {
        public var field: String
        public var closestHeader: String?
        public var alias: String
        public init(field: String, closestHeader: String?, alias: String) {
            self.field = field
            self.closestHeader = closestHeader
            self.alias = alias
        }
    }
    public struct Guess: Equatable, Sendable { public var field: String; public var header: String; public var alias: String }

    public let templates: Templates
    /// How many rows from the top may hold the header.
    public var searchRows = HeaderMatcher.defaultSearchRows
    public static let defaultSearchRows = 30
    /// Similarity (0–1) from which a header is taken for an alias it does not match exactly.
    public var fuzzyThreshold = 0.85

    public init(templates: Templates) { self.templates = templates }

    /// Lower case, no accents, letters and digits only, single spaces.
    public static func normalise(_ text: String) -> String { TextNormalising.normalise(text) }

    /// The best mapping for `rows` (the first rows of a sheet), or nil when no row looks like a
    /// header of any kind.
    public func match(rows: [Row]) -> Mapping? {
        var best: (score: Int, mapping: Mapping)?
        for (index, row) in rows.prefix(searchRows).enumerated() {
            let headers = row.cells.compactMap { cell -> (Int, String)? in
                if case .text(let t) = cell.value, !t.trimmedSpaces.isEmpty { return (cell.column, t) }
                return nil
            }
            guard headers.count >= 2 else { continue }
            for (id, kind) in templates.kinds {
                let mapping = map(headers: headers, kindID: id, kind: kind, headerRow: row.number,
                                  titles: rows.prefix(index).flatMap { $0.cells.compactMap { if case .text(let t) = $0.value { return t } else { return nil } } })
                let required = kind.fields.filter(\.isRequired).count
                // Complete kinds first, then by fields found (exact over guessed), earliest row wins ties.
                let score = (mapping.isComplete ? 1_000_000 : 0) + (required - mapping.missing.count) * 1000
                    + mapping.columns.count * 10 - mapping.guesses.count
                if mapping.columns.count >= 2, best == nil || score > best!.score { best = (score, mapping) }
            }
        }
        return best?.mapping
    }

    private func map(headers: [(Int, String)], kindID: String, kind: Templates.Kind, headerRow: Int, titles: [String]) -> Mapping {
        let normalised = headers.map { ($0.0, $0.1, HeaderMatcher.normalise($0.1)) }
        var columns: [String: Int] = [:]
        var taken = Set<Int>()
        // Exact matches first, in field order, so "Fecha" goes to the first field that lists it.
        for field in kind.fields {
            let aliases = Set(field.aliases.map(HeaderMatcher.normalise))
            if let hit = normalised.first(where: { !taken.contains($0.0) && aliases.contains($0.2) }) {
                columns[field.field] = hit.0
                taken.insert(hit.0)
            }
        }
        var guesses: [Guess] = []
        for field in kind.fields where columns[field.field] == nil {
            var bestHit: (column: Int, header: String, alias: String, score: Double)?
            for (column, header, norm) in normalised where !taken.contains(column) {
                for alias in field.aliases {
                    let score = HeaderMatcher.similarity(norm, HeaderMatcher.normalise(alias))
                    if score >= fuzzyThreshold, score > (bestHit?.score ?? 0) { bestHit = (column, header, alias, score) }
                }
            }
            if let hit = bestHit {
                columns[field.field] = hit.column
                taken.insert(hit.column)
                guesses.append(Guess(field: field.field, header: hit.header, alias: hit.alias))
            }
        }
        // A required field still missing, with exactly one header that holds one of its aliases
        // among other words («Tipología / opción escalada», as exports combine two names):
        // that header is taken, and the guess is said.
        for field in kind.fields where field.isRequired && columns[field.field] == nil {
            let aliases = field.aliases.map { " " + HeaderMatcher.normalise($0) + " " }
            let candidates = normalised.filter { column, _, norm in
                !taken.contains(column) && aliases.contains { (" " + norm + " ").firstRange(of: $0) != nil }
            }
            if candidates.count == 1, let hit = candidates.first,
               let alias = field.aliases.first(where: { (" " + hit.2 + " ").firstRange(of: " " + HeaderMatcher.normalise($0) + " ") != nil }) {
                columns[field.field] = hit.0
                taken.insert(hit.0)
                guesses.append(Guess(field: field.field, header: hit.1, alias: alias))
            }
        }
        let unknown = headers.filter { !taken.contains($0.0) }.map { Column(column: $0.0, header: $0.1) }
        let missing = kind.fields.filter { $0.isRequired && columns[$0.field] == nil }.map { field -> Missing in
            var closest: (String, Double)?
            for (_, header, norm) in normalised where !taken.contains(headers.first { $0.1 == header }?.0 ?? -1) {
                let s = field.aliases.map { HeaderMatcher.similarity(norm, HeaderMatcher.normalise($0)) }.max() ?? 0
                if s > (closest?.1 ?? 0.5) { closest = (header, s) }
            }
            return Missing(field: field.field, closestHeader: closest?.0, alias: field.aliases[0])
        }
        return Mapping(kind: kindID, headerRow: headerRow, columns: columns, unknown: unknown, missing: missing,
                       guesses: guesses, titleRows: titles)
    }

    /// 1 − Levenshtein distance / longer length, on normalised text.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty || y.isEmpty { return x.count == y.count ? 1 : 0 }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return 1 - Double(previous[y.count]) / Double(max(x.count, y.count))
    }
}
