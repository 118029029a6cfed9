/// What reports count a case as, and how they rank counts: the rules the consolidated
/// workbooks share, so the figures and their order come from one place.
public enum CaseCounting {
    /// A case still open: its estado is not one of `estados.cerrados` (compared ignoring accents,
    /// case and spacing). Reports call these *pendientes*; the rest are *solucionados*.
    public static func isOpen(_ c: CaseRecord, templates: Templates) -> Bool { Rules(templates).isOpen(c) }

    /// The first `procede` option of estados.yaml ("Procede"): the advisor erred.
    public static func procedeValue(_ templates: Templates) -> String { templates.estados.procede.first ?? "Procede" }
    /// The second ("No procede"): Gestión Soporte erred, a reclamación is due.
    public static func noProcedeValue(_ templates: Templates) -> String {
        templates.estados.procede.count > 1 ? templates.estados.procede[1] : "No procede"
    }

    public static func isProcede(_ c: CaseRecord, templates: Templates) -> Bool { Rules(templates).isProcede(c) }

    public static func isNoProcede(_ c: CaseRecord, templates: Templates) -> Bool { Rules(templates).isNoProcede(c) }

    /// The rules above with the templates' words normalised once, for loops over many cases
    /// (the functions above normalise them again at each call).
    public struct Rules: Sendable {
        let closed: Set<String>
        let procede: String
        let noProcede: String

        public init(_ templates: Templates) {
            closed = Set(templates.estados.cerrados.map(TextNormalising.normalise))
            procede = TextNormalising.normalise(CaseCounting.procedeValue(templates))
            noProcede = TextNormalising.normalise(CaseCounting.noProcedeValue(templates))
        }

        public func isOpen(_ c: CaseRecord) -> Bool { !closed.contains(TextNormalising.normalise(c.estado)) }
        public func isProcede(_ c: CaseRecord) -> Bool { c.procede.map { TextNormalising.normalise($0) == procede } ?? false }
        public func isNoProcede(_ c: CaseRecord) -> Bool { c.procede.map { TextNormalising.normalise($0) == noProcede } ?? false }

        /// What a mal-escalados row counts as in the consolidado (seed 002 steps 4–5).
        public func classify(_ c: CaseRecord) -> MalEscaladoClass {
            if isNoProcede(c) { return .noProcede }
            if isProcede(c), let code = c.causalCode, !code.isEmpty { return .error(code) }
            return .porRevisar
        }
    }

    /// Orders keys the way a pivot table sorted by value reads: larger count first, then the
    /// key (accents and case ignored, then as written); a missing key (blank) last.
    public static func ranked(_ counts: [String?: Int]) -> [(key: String?, count: Int)] {
        counts.map { (key: $0.key, count: $0.value) }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            return keyOrder(a.key, b.key)
        }
    }

    /// Keys in reading order: by their normalised text, then as written; nil last.
    public static func keyOrder(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, _): return false
        case (_, nil): return true
        case let (a?, b?):
            let na = TextNormalising.normalise(a), nb = TextNormalising.normalise(b)
            return na != nb ? na < nb : a < b
        }
    }

    /// A fraction (0…1) of `whole`; 0 when there is nothing to divide by.
    public static func share(_ part: Int, of whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
}

/// What one row of the *Base Mal Escalados* counts as in the figures of seed 002 §5: an error
/// of the advisor of one type, Gestión Soporte's error (a reclamación), or neither yet.
public enum MalEscaladoClass: Hashable, Sendable {
    /// Judged *procede* with causal `code`: the advisor's error, counted in its error type.
    case error(String)
    /// No causal, or no decision yet (*Por revisar*, a procede without causal): counted in the
    /// rows sent, in no error type.
    case porRevisar
    /// Judged *no procede*: Gestión Soporte's error, claimed back (seed 002 step 4); not the
    /// advisor's.
    case noProcede

    /// The causal code of an error, nil otherwise.
    public var errorCode: String? {
        if case .error(let code) = self { return code }
        return nil
    }
}

/// A key (a causal, an advisor, an área) and how many cases it has.
public struct KeyCount: Sendable, Equatable {
    /// nil: the cases where the field is blank.
    public var key: String?
    public var count: Int
    /// `count` as a fraction (0…1) of the period's cases.
    public var share: Double
    public init(key: String?, count: Int, share: Double) {
        self.key = key
        self.count = count
        self.share = share
    }
}

/// Cases of one key split by state: *casos escalados* (all), *pendientes* (open), *solucionados*.
public struct StatusCount: Sendable, Equatable {
    public var key: String?
    public var escalados: Int
    public var pendientes: Int
    public var solucionados: Int { escalados - pendientes }
    public init(key: String?, escalados: Int, pendientes: Int) {
        self.key = key
        self.escalados = escalados
        self.pendientes = pendientes
    }
}

/// One spelling per person: «SOFÍA RODRÍGUEZ DÍAZ» and «Sofía Rodríguez Díaz» are the same
/// advisor (accents, case and spacing aside, as the compromisos group them). The spelling kept
/// is the one the period's rows use most (on a tie, one in mixed case over one in capitals or
/// small letters only), known before the rows are written (`counts`); a name not counted
/// keeps its first spelling. A report's figures, its Detalle and its pivot table's items use
/// it, so a hand-typed base never splits a person in two (Excel repairs a pivot whose items
/// differ only in case by deleting it).
public struct Spellings: Sendable {
    private var chosen: [String: String] = [:]

    /// `counts`: how many rows give each spelling.
    public init(counts: [String: Int] = [:]) {
        var best: [String: (name: String, count: Int)] = [:]
        for (name, count) in counts where !name.trimmedSpaces.isEmpty {
            let key = TextNormalising.normalise(name)
            if let b = best[key], !Self.better(name, count, than: b.name, b.count) { continue }
            best[key] = (name, count)
        }
        chosen = best.mapValues(\.name)
    }

    /// Counts the spellings of `names` (nil and blank left out).
    public init(of names: [String?]) {
        var counts: [String: Int] = [:]
        for case let name? in names { counts[name, default: 0] += 1 }
        self.init(counts: counts)
    }

    private static func better(_ a: String, _ ca: Int, than b: String, _ cb: Int) -> Bool {
        if ca != cb { return ca > cb }
        let mixed = { (s: String) in s != s.uppercased() && s != s.lowercased() }
        if mixed(a) != mixed(b) { return mixed(a) }
        return a < b
    }

    /// The spelling kept for `name`; nil for none or a blank one (both are «(vacío)»).
    public mutating func canonical(_ name: String?) -> String? {
        guard let name, !name.trimmedSpaces.isEmpty else { return nil }
        let key = TextNormalising.normalise(name)
        if let known = chosen[key] { return known }
        chosen[key] = name
        return name
    }
}
