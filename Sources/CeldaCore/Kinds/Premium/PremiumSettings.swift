/// Claro Premium's limits and lists (Templates/premium.yaml): the 72-hour alarm, what counts as
/// escalated and closed, the SPC values, the FCR window and the NPS bands.
public struct PremiumSettings: Codable, Sendable, Equatable {
    public struct Escalation: Codable, Sendable, Equatable {
        public var tipos: [String]
        public var subtipos: [String]
        public var estados: [String]
    }

    public var alarma_horas: Double
    public var escalado: Escalation
    public var estados_cerrados: [String]
    public var spc_si: [String]
    public var fcr_ventana_dias: Int
    public var nps_promotor_desde: Int
    public var nps_detractor_hasta: Int
    public var estados_back: [String]
    public var gestiones: [String]
    /// Calidad percibida (seed 001 §5, CALIDAD MEC): an answer to «Índice de satisfacción del
    /// asesor» is in the top two points from this score up, on a 1–5 and on a 0–10 column.
    public var satisfaccion_top_desde_5: Int?
    public var satisfaccion_top_desde_10: Int?
    /// "auto" (a column whose highest answer is above 5 is 0–10, else 1–5), "5" or "10".
    public var satisfaccion_escala: String?

    /// The first score of the top two points on a column whose highest point is `scale` (5 or 10).
    public func satisfactionTop(scale: Int) -> Int {
        scale == 5 ? (satisfaccion_top_desde_5 ?? 4) : (satisfaccion_top_desde_10 ?? 9)
    }

    /// Thresholds that make sense: a positive alarm and window, detractors below promoters within 0–10.
    func validate() throws {
        // Whole hours, up to a year: the report prints the limit as an integer.
        if !(1...8_760).contains(alarma_horas) || alarma_horas != alarma_horas.rounded() {
            throw TemplateError(file: "premium.yaml", key: "alarma_horas", problem: .invalidValue("\(alarma_horas) ∉ 1…8760 horas enteras"))
        }
        if fcr_ventana_dias < 1 { throw TemplateError(file: "premium.yaml", key: "fcr_ventana_dias", problem: .invalidValue("\(fcr_ventana_dias) < 1")) }
        if !(0...10).contains(nps_promotor_desde) || !(0...10).contains(nps_detractor_hasta) || nps_detractor_hasta >= nps_promotor_desde {
            throw TemplateError(file: "premium.yaml", key: "nps_detractor_hasta",
                                problem: .invalidValue("detractores hasta \(nps_detractor_hasta), promotores desde \(nps_promotor_desde)"))
        }
        if let e = satisfaccion_escala, !["auto", "5", "10"].contains(e) {
            throw TemplateError(file: "premium.yaml", key: "satisfaccion_escala", problem: .invalidValue("\(e): auto, 5 o 10"))
        }
        if estados_back.isEmpty { throw TemplateError(file: "premium.yaml", key: "estados_back", problem: .invalidValue("[]")) }
    }

    private static func contains(_ list: [String], _ value: String?) -> Bool {
        guard let value else { return false }
        let v = TextNormalising.normalise(value)
        return !v.isEmpty && list.contains { TextNormalising.normalise($0) == v }
    }

    /// Tipo PQR, subtipo Ajuste or Visita técnica, or estado Escalado (as premium.yaml lists them).
    public func isEscalated(tipo: String?, subtipo: String?, estado: String?) -> Bool {
        Self.contains(escalado.tipos, tipo) || Self.contains(escalado.subtipos, subtipo) || Self.contains(escalado.estados, estado)
    }

    public func isClosed(estado: String?) -> Bool { Self.contains(estados_cerrados, estado) }

    /// Sí / No / unknown (a blank cell).
    public func spc(_ value: String?) -> Bool? {
        guard let value, !value.trimmedSpaces.isEmpty else { return nil }
        return Self.contains(spc_si, value)
    }

    /// The band of a 0–10 answer.
    public func band(_ score: Int) -> NPSBand {
        score >= nps_promotor_desde ? .promotor : (score <= nps_detractor_hasta ? .detractor : .pasivo)
    }
}

/// Promoter, passive or detractor (NPS, seed 001 §5).
public enum NPSBand: String, Sendable, CaseIterable, Equatable {
    case promotor, pasivo, detractor
    /// The label key in Templates/labels.yaml.
    public var labelKey: String { "nps_" + rawValue }
}
