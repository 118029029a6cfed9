/// What a kind keeps in the history besides the generic case rows: premium exports (one case
/// per `caso` with its latest state), premium surveys, and any kind's own facts.
public enum KindHistory: Sendable, Equatable {
    case premiumExport(PremiumExport)
    case premiumSurveys([PremiumSurvey])
    /// A kind's own facts (`KindFact`): the latest of each key is kept.
    case facts([KindFact])
}

/// One daily CRM export of Claro Premium as the history keeps it.
public struct PremiumExport: Sendable, Equatable {
    /// The moment the export shows the cases as of: the latest fecha de ingreso or de cierre in
    /// it that is not after the day it was processed (an export never shows the future). A
    /// case's state in the history comes from the export with the latest `asOf`, so processing
    /// an older export again never overwrites a newer state.
    public var asOf: DayTime
    /// One per caso (the export's last row of a caso when it repeats).
    public var cases: [PremiumCase]
    public init(asOf: DayTime, cases: [PremiumCase]) {
        self.asOf = asOf
        self.cases = cases
    }
}
