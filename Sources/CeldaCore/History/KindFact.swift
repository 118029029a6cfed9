import Foundation

/// What a kind keeps in the history of its own, beside the generic case rows: one fact per key
/// (an agent's day in the workforce export, one monitoring, one survey answer's satisfaction),
/// its day, and its values by name. The store keeps the latest fact of each key of a kind (a
/// corrected export sent again replaces what the first one said) and gives a period's facts
/// back in day order — a new kind with its own indicators needs no table of its own.
public struct KindFact: Sendable, Equatable {
    public var kind: String
    public var key: String
    public var day: CalendarDate
    public var values: [String: FactValue]
    public var sourceFile: String
    public var row: Int

    public init(kind: String, key: String, day: CalendarDate, values: [String: FactValue], sourceFile: String, row: Int) {
        self.kind = kind
        self.key = key
        self.day = day
        self.values = values
        self.sourceFile = sourceFile
        self.row = row
    }

    public func text(_ name: String) -> String? { if case .text(let t)? = values[name] { return t } else { return nil } }
    public func number(_ name: String) -> Double? { if case .number(let n)? = values[name] { return n } else { return nil } }
    public func date(_ name: String) -> CalendarDate? { if case .day(let d)? = values[name] { return d } else { return nil } }
    public func flag(_ name: String) -> Bool? { if case .flag(let b)? = values[name] { return b } else { return nil } }
}

/// One value of a fact, typed: the store keeps them as JSON (a text, a number, true/false, or a
/// day as {"dia": "AAAA-MM-DD"}).
public enum FactValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case day(CalendarDate)
    case flag(Bool)
}

extension FactValue: Codable {
    private struct Day: Codable { var dia: String }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let t): try c.encode(t)
        case .number(let n): try c.encode(n)
        case .flag(let b): try c.encode(b)
        case .day(let d): try c.encode(Day(dia: d.description))
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        // A JSON true/false is no number, nor a number a Bool: the order only tries.
        if let b = try? c.decode(Bool.self) { self = .flag(b); return }
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let t = try? c.decode(String.self) { self = .text(t); return }
        let d = try c.decode(Day.self)
        guard let day = CalendarDate(iso: d.dia) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "«\(d.dia)» is no day")
        }
        self = .day(day)
    }

    /// The values as one JSON object, keys sorted (the same fact is the same text).
    public static func json(_ values: [String: FactValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(values) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The values a JSON object holds; nil when the text is no object of values (a damaged store).
    public static func values(json: String) -> [String: FactValue]? {
        try? JSONDecoder().decode([String: FactValue].self, from: Data(json.utf8))
    }
}
