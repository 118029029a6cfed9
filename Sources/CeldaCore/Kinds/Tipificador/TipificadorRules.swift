/// Normalises the tipificador's causal to A–I: from a letter, a label or free text (accents and
/// case ignored), or inferred from the motivo's keywords; the área follows the causal.
public struct TipificadorRules: Sendable {
    public struct Result: Equatable, Sendable {
        public var code: String
        public var label: String
        public var area: String
        /// How it was decided, for the agent: "letra", "etiqueta", "palabras clave del motivo".
        public var how: String
    }

    public let catalog: [Templates.TipificadorCausal]
    /// Per causal of the catalog, normalised once: what plainly points to it, and every word
    /// that shows a motivo may be about it.
    private let evidence: [[String]]
    private let related: [[String]]

    public init(templates: Templates) {
        catalog = templates.tipificador
        func words(_ list: [String]) -> [String] { list.map(HeaderMatcher.normalise).filter { !$0.isEmpty } }
        evidence = catalog.map { words($0.evidencia ?? []) }
        related = catalog.map { words($0.keywords + ($0.evidencia ?? []) + ($0.relacionadas ?? []) + [$0.label]) }
    }

    public func normalise(causal: String?, motivo: String?) -> Result? {
        let c = HeaderMatcher.normalise(causal ?? "")
        if !c.isEmpty {
            if let hit = catalog.first(where: { HeaderMatcher.normalise($0.code) == c }) { return result(hit, "letra") }
            if let hit = catalog.first(where: { HeaderMatcher.normalise($0.label) == c }) { return result(hit, "etiqueta") }
            if let hit = catalog.first(where: { c.hasPrefix(HeaderMatcher.normalise($0.code) + " ") }) { return result(hit, "letra") }
            if let hit = bestByKeywords(c) { return result(hit, "palabras clave de la causal") }
        }
        if let hit = bestByKeywords(HeaderMatcher.normalise(motivo ?? "")) { return result(hit, "palabras clave del motivo") }
        return nil
    }

    /// "causal I · Ventas contradice el motivo (sus palabras son de D · Traslados)": only on
    /// clear evidence — the motivo holds words that plainly point to another causal, and none
    /// of the words of the one the form gives (Templates: `evidencia`, `keywords`,
    /// `relacionadas`). A form whose motivo may be about its causal is never accused: a false
    /// accusation on a signed form is worse than a missed one. Nil when either is missing, the
    /// causal came from free text, or the causal is not `acusable`.
    public func contradiction(causal: String?, motivo: String?) -> RowWords? {
        guard let given = normalise(causal: causal, motivo: nil), given.how != "palabras clave de la causal",
              let g = catalog.firstIndex(where: { $0.code == given.code }), catalog[g].acusable != false else { return nil }
        let text = HeaderMatcher.normalise(motivo ?? "")
        guard !text.isEmpty else { return nil }
        let padded = " " + text + " "
        guard Self.hits(related[g], in: padded) == 0 else { return nil }
        let pointed = catalog.indices.filter { $0 != g }.map { ($0, Self.hits(evidence[$0], in: padded)) }.filter { $0.1 > 0 }
        guard let most = pointed.map(\.1).max() else { return nil }
        // Two causales with as many signs are both named («C · Visitas Técnicas o H · PQR y Ajustes»).
        let named = pointed.filter { $0.1 == most }.prefix(2).map { "\(catalog[$0.0].code) · \(catalog[$0.0].label)" }
        return .causalContradicts(given: "\(given.code) · \(given.label)", named: Array(named))
    }

    /// How many of `words` begin a word of `padded` (the normalised text with a space each side).
    static func hits(_ words: [String], in padded: String) -> Int {
        words.reduce(0) { $0 + (TextNormalising.contains(padded, " " + $1) ? 1 : 0) }
    }

    private func result(_ c: Templates.TipificadorCausal, _ how: String) -> Result {
        Result(code: c.code, label: c.label, area: c.area, how: how)
    }

    /// The causal whose keywords appear most in the text (ties: catalog order).
    private func bestByKeywords(_ text: String) -> Templates.TipificadorCausal? {
        guard !text.isEmpty else { return nil }
        let padded = " " + text + " "
        var best: (Templates.TipificadorCausal, Int)?
        for c in catalog {
            let hits = c.keywords.filter { padded.firstRange(of: " " + HeaderMatcher.normalise($0)) != nil }.count
            if hits > 0, hits > (best?.1 ?? 0) { best = (c, hits) }
        }
        return best?.0
    }
}
