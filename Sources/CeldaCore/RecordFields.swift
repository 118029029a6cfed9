/// Which slot of a record holds each field: one index for all the records of a base (its
/// mapped fields in the builder's order), so a record is an array, not a dictionary of its own.
public final class FieldSlots: Sendable {
    let index: [String: Int]
    let count: Int

    public init(_ fields: [String]) {
        index = Dictionary(fields.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        count = fields.count
    }

    static let none = FieldSlots([])
}

/// A record's fields by name: the base's fields in their slots; a field no slot holds (set by
/// hand, as tests and the samples do) in a small dictionary beside them.
public struct RecordFields: Sendable, ExpressibleByDictionaryLiteral {
    private let slots: FieldSlots
    private var values: [FieldValue?]
    private var others: [String: FieldValue] = [:]

    /// `values`: one per slot, in the slots' order (nil: the field is absent).
    public init(slots: FieldSlots, values: [FieldValue?]) {
        precondition(values.count == slots.count, "one value per slot")
        self.slots = slots
        self.values = values
    }

    public init(_ fields: [String: FieldValue]) {
        slots = .none
        values = []
        others = fields
    }

    public init(dictionaryLiteral elements: (String, FieldValue)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public subscript(field: String) -> FieldValue? {
        get {
            if let i = slots.index[field] { return values[i] }
            return others.isEmpty ? nil : others[field]
        }
        set {
            if let i = slots.index[field] { values[i] = newValue } else { others[field] = newValue }
        }
    }
}
