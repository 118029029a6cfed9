/// Recurrent and reincident customers (DOMAIN.md §2.2): how often a cuenta contacted, counted
/// over the whole history by calendar day, with the thresholds of Templates/recurrencia.yaml.
public struct Recurrence: Sendable {
    public struct Settings: Codable, Sendable, Equatable {
        public var recurrente_mismo_dia: Int
        public var recurrente_ventana: Int
        public var reincidente_ventana: Int
        public var ventana_dias: Int
    }

    /// One contact: a tipificador row.
    public struct Contact: Sendable, Equatable {
        public var cuenta: String
        public var day: CalendarDate
        public var causalCode: String?
        public init(cuenta: String, day: CalendarDate, causalCode: String?) {
            self.cuenta = cuenta
            self.day = day
            self.causalCode = causalCode
        }
    }

    public enum UserType: String, Sendable, Equatable, CaseIterable {
        case nuevo, recurrente, reincidente, recurrenteYReincidente
        /// The label key in Templates/labels.yaml.
        public var labelKey: String { "tipo_usuario_" + rawValue }
        public var isRecurrent: Bool { self == .recurrente || self == .recurrenteYReincidente }
        public var isReincident: Bool { self == .reincidente || self == .recurrenteYReincidente }
    }

    /// A contact's counts as of its own day.
    public struct Counts: Sendable, Equatable {
        /// Contacts of the cuenta that day (this one included).
        public var sameDay: Int
        /// Contacts of the cuenta in the window ending that day (this one included).
        public var window: Int
        /// Of those, with the same causal.
        public var sameCausalInWindow: Int
        public var type: UserType
    }

    public let settings: Settings
    public init(settings: Settings) { self.settings = settings }

    /// Indexes the history once; `counts(for:)` then answers per contact.
    public func index(_ history: [Contact]) -> Index { Index(history, settings: settings) }

    public struct Index: Sendable {
        let settings: Settings
        /// cuenta → day number → (contacts, contacts by causal)
        private var byCuenta: [String: [Int: (all: Int, byCausal: [String: Int])]] = [:]

        init(_ history: [Contact], settings: Settings) {
            self.settings = settings
            for c in history {
                var day = byCuenta[c.cuenta, default: [:]][c.day.dayNumber] ?? (0, [:])
                day.all += 1
                if let code = c.causalCode { day.byCausal[code, default: 0] += 1 }
                byCuenta[c.cuenta, default: [:]][c.day.dayNumber] = day
            }
        }

        public func counts(for c: Contact) -> Counts {
            let days = byCuenta[c.cuenta] ?? [:]
            let today = days[c.day.dayNumber]?.all ?? 0
            var window = 0, sameCausal = 0
            let last = c.day.dayNumber
            for d in (last - settings.ventana_dias + 1)...last {
                guard let day = days[d] else { continue }
                window += day.all
                if let code = c.causalCode { sameCausal += day.byCausal[code] ?? 0 }
            }
            let recurrent = today >= settings.recurrente_mismo_dia || window >= settings.recurrente_ventana
            let reincident = c.causalCode != nil && sameCausal >= settings.reincidente_ventana
            let type: UserType = recurrent ? (reincident ? .recurrenteYReincidente : .recurrente) : (reincident ? .reincidente : .nuevo)
            return Counts(sameDay: today, window: window, sameCausalInWindow: sameCausal, type: type)
        }
    }
}
