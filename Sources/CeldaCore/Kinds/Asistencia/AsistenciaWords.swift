/// What the words of an asistencia row mean: whether a day was scheduled, whether its novedad
/// is an absence, whether an estado is a retiro — from the lists of Templates/kinds/asistencia.yaml,
/// compared without accents, case or spacing. A word no list holds is said, never guessed.
struct AsistenciaWords: Sendable {
    struct Settings: Decodable {
        var programado_si: [String]
        var programado_no: [String]
        var novedad_ausencia: [String]
        var novedad_no_programado: [String]
        var novedad_presente: [String]
        var estado_activo: [String]
        var estado_retirado: [String]
    }

    enum Novedad: Equatable { case presente, ausencia, noProgramado, desconocida }

    let scheduledWords: [String], unscheduledWords: [String]
    let absences: [String], unscheduledDays: [String], presences: [String]
    let active: [String], retired: [String]

    init(_ s: Settings) {
        func n(_ list: [String]) -> [String] { list.map(TextNormalising.normalise).filter { !$0.isEmpty } }
        scheduledWords = n(s.programado_si)
        unscheduledWords = n(s.programado_no)
        absences = n(s.novedad_ausencia)
        unscheduledDays = n(s.novedad_no_programado)
        presences = n(s.novedad_presente)
        active = n(s.estado_activo)
        retired = n(s.estado_retirado)
    }

    /// The word itself, or a longer text that starts with it («Incapacidad EG»).
    static func matches(_ text: String, _ words: [String]) -> Bool {
        words.contains { text == $0 || text.hasPrefix($0 + " ") }
    }

    func novedad(_ raw: String?) -> Novedad {
        let text = TextNormalising.normalise(raw ?? "")
        if text.isEmpty { return .presente }
        // Vacaciones before the absences: «Licencia» is an absence, «Vacaciones» no scheduled day.
        if Self.matches(text, unscheduledDays) { return .noProgramado }
        if Self.matches(text, absences) { return .ausencia }
        if Self.matches(text, presences) { return .presente }
        return .desconocida
    }

    /// Whether the Programado cell means scheduled; nil when it says neither.
    func scheduled(text raw: String?, number: Double?) -> Bool? {
        if let number { return number > 0 }
        let rawText = (raw ?? "").trimmedSpaces
        let text = TextNormalising.normalise(rawText)
        if text.isEmpty { return false }
        if Self.matches(text, scheduledWords) { return true }
        if Self.matches(text, unscheduledWords) { return false }
        if let hours = Double(rawText.replacing(",", with: ".")) { return hours > 0 }
        return Self.timeOrShift(rawText, normalised: text)
    }

    /// A shift («07:00-16:00», «7-16», «7 a 16», «7am-4pm», «07:00:00 – 16:00:00»): scheduled. A
    /// time cell («07:00:00», the shift's start) or a duration cell («PT8H0M0S»): scheduled when
    /// it is not zero. nil: none of these.
    static func timeOrShift(_ raw: String, normalised: String) -> Bool? {
        if raw.hasPrefix("PT"), raw.dropFirst(2).allSatisfy({ $0.isNumber || "HMS.".contains($0) }) {
            return raw.contains { $0.isNumber && $0 != "0" }
        }
        let tokens = normalised.split(separator: " ").filter { $0 != "a" }.map { t -> Substring in
            t.hasSuffix("am") || t.hasSuffix("pm") ? t.dropLast(2) : t
        }
        guard !tokens.isEmpty, tokens.allSatisfy({ t in !t.isEmpty && t.count <= 2 && t.allSatisfy(\.isNumber) }) else { return nil }
        let between = raw.contains("-") || raw.contains("–") || normalised.split(separator: " ").contains("a")
        if between && [2, 4, 6].contains(tokens.count) { return true }
        if raw.contains(":") && [2, 3].contains(tokens.count) { return tokens.contains { $0.contains { $0 != "0" } } }
        return nil
    }

    /// true: Retirado; false: Activo; nil: empty or neither (the caller says which).
    func retired(_ raw: String?) -> Bool? {
        let text = TextNormalising.normalise(raw ?? "")
        if Self.matches(text, retired) { return true }
        if Self.matches(text, active) { return false }
        return nil
    }
}
