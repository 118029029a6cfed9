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
    public init(templates: Templates) { catalog = templates.tipificador }

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

    /// "Causal B contradice el motivo (palabras clave de A)": the causal the form gives is not
    /// the one the motivo's keywords point to. Nil when either is missing or they agree.
    public func contradiction(causal: String?, motivo: String?) -> String? {
        guard let given = normalise(causal: causal, motivo: nil), given.how != "palabras clave de la causal",
              let inferred = bestByKeywords(HeaderMatcher.normalise(motivo ?? "")), inferred.code != given.code else { return nil }
        return "causal \(given.code) contradice el motivo (sus palabras clave son de \(inferred.code) · \(inferred.label))"
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
