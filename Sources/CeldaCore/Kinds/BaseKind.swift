/// One kind of base (mal-escalados, tipificador, …): what Celda adds to it and how it decides
/// each row. Everything that differs between kinds lives in a conformance in the kind's own
/// folder; the pipeline and the workbooks only talk to this protocol.
public protocol BaseKind: Sendable {
    /// The id in Templates/kinds.yaml (`mal-escalados`).
    var id: String { get }
    /// Fields and aliases, as Templates/kinds.yaml declares them.
    var definition: Templates.Kind { get }
    /// The back-office columns written after the base's own, in order.
    var columns: [BackOfficeColumn] { get }
    /// The field whose date starts a case (días de gestión count from it).
    var dateField: String { get }
    /// The field naming the advisor the case is about (feedback goes to them).
    var advisorField: String { get }
    /// The fields that make two rows of two bases the same case.
    var caseKeyFields: [String] { get }
    /// Business days after which an open case raises its alarm.
    var alarmBusinessDays: Int { get }
    /// The estados a person may choose, in dropdown order; the first is a new case's.
    var estados: [String] { get }
    /// The causal catalog a person may type or choose: code and label.
    var causals: [(code: String, label: String)] { get }
    /// Whether a person closing a case in the gestionado ends its alarm (not for premium, whose
    /// 72 h alarm also holds for cases closed late).
    var closingEndsAlarm: Bool { get }
    /// How the kind decides rows: a first look at the whole base (the compact cross-row facts),
    /// then each row on its own — every base, of any size, is processed this way without
    /// holding its rows. `present` holds the fields the base has a column for (a rule on an
    /// absent column never fires).
    func decider(present: Set<String>, today: CalendarDate) -> any RowDecider
}

extension BaseKind {
    public var closingEndsAlarm: Bool { true }

    /// Every record's back-office values as of `today`, the records in memory (both passes in
    /// one call, no history): for tests and small tables.
    public func outcomes(for records: [Record], present: Set<String>, today: CalendarDate) throws -> [RowOutcome] {
        try decider(present: present, today: today).outcomes(for: records)
    }
}

/// A back-office column of a kind: its header (a label key of Templates/labels.yaml), width,
/// choices, and which outcome value it shows.
public struct BackOfficeColumn: Sendable {
    public enum Content: Sendable, Hashable {
        case causal, detectedCausals, evidence, procede, area, estado, observaciones, diasGestion, alarm
        /// From the history: contacts of the cuenta that day, in the window, the customer type.
        case contactsDay, contactsWindow, userType
        case formErrors
        /// What the back office did (premium: chosen from a list; tipificador: in its words).
        case gestion
        /// The back office's second observation (tipificador, seed 000 step 4).
        case observacion2
        /// Gestión Soporte's answer to a reclamación and the day it came (mal escalados *no
        /// procede*, seed 002 step 4).
        case respuesta, respuestaFecha
        /// A value only this kind computes, by its key in `RowOutcome.computed`.
        case computed(String)
    }

    public var key: String
    public var content: Content
    public var width: Double
    /// The values of its dropdown, if a person chooses from a list.
    public var choices: [String]?
    /// Label keys whose cells are highlighted like an alarm (premium: «Vencido»).
    public var highlights: [String]
    /// A `.computed` column a person fills: what they type is taken back (`HumanEdits.own`),
    /// wins over the kind's value and is kept in the history.
    public var editable: Bool

    public init(_ key: String, _ content: Content, width: Double, choices: [String]? = nil, highlights: [String] = [], editable: Bool = false) {
        self.key = key
        self.content = content
        self.width = width
        self.choices = choices
        self.highlights = highlights
        self.editable = editable
    }

    /// What a person typed in this column that Celda takes back (nil: the column is Celda's own).
    public var edit: WritableKeyPath<HumanEdits, String?>? {
        switch content {
        case .causal: return \.causal
        case .procede: return \.procede
        case .estado: return \.estado
        case .observaciones: return \.observaciones
        case .gestion: return \.gestion
        case .observacion2: return \.observacion2
        case .respuesta: return \.respuesta
        case .respuestaFecha: return \.respuestaFecha
        // The área is the person's when its column has a dropdown (tipificador); else Celda's.
        case .area: return choices == nil ? nil : \.area
        case .computed(let key):
            guard editable else { return nil }
            let own: WritableKeyPath<HumanEdits, String?> = \HumanEdits.own[key]
            return own
        default: return nil
        }
    }
}

/// A back-office cell's value: text, a number, a day, or a label key to be written in the reader's language.
public enum BackOfficeValue: Equatable, Sendable {
    case text(String)
    case number(Double)
    case date(CalendarDate)
    case label(String)
    /// What the core says (form errors), written in the reader's language, joined by «; ».
    case words([RowWords])
}

extension RowOutcome {
    /// The value `content` shows for this row, nil for an empty cell.
    public func value(_ content: BackOfficeColumn.Content) -> BackOfficeValue? {
        switch content {
        case .causal: return causal.map(BackOfficeValue.text)
        case .detectedCausals: return detected.isEmpty ? nil : .text(detected.joined(separator: ", "))
        case .evidence: return evidenceWords.map { .words([$0]) } ?? evidence.map(BackOfficeValue.text)
        case .procede: return procede.map(BackOfficeValue.text)
        case .area: return area.map(BackOfficeValue.text)
        case .estado: return .text(estado)
        case .observaciones: return observaciones.map(BackOfficeValue.text)
        case .diasGestion: return diasGestion.map { .number(Double($0)) }
        case .alarm: return .label(alarm ? "alarma_si" : "alarma_no")
        case .contactsDay: return recurrence.map { .number(Double($0.sameDay)) }
        case .contactsWindow: return recurrence.map { .number(Double($0.window)) }
        case .userType: return recurrence.map { .label($0.type.labelKey) }
        case .formErrors: return formErrors.isEmpty ? nil : .words(formErrors.map(\.words))
        case .gestion: return gestion.map(BackOfficeValue.text)
        case .observacion2: return observacion2.map(BackOfficeValue.text)
        case .respuesta: return respuesta.map(BackOfficeValue.text)
        case .respuestaFecha: return respuestaFecha.map(BackOfficeValue.date)
        case .computed(let key): return computed[key]
        }
    }
}

/// A kind as Celda registers it: built from the templates, nil when they do not define it; a
/// kind whose own settings are wrong throws the `TemplateError` that names them.
public protocol RegisteredKind: BaseKind {
    static func make(templates: Templates) throws -> Self?
}

/// Every kind Celda knows, built from the templates.
public struct KindCatalog: Sendable {
    /// The kinds Celda ships: a new kind is its folder, its Templates file and one line here.
    public static let registered: [any RegisteredKind.Type] = [
        MalEscaladosKind.self,
        TipificadorKind.self,
        PremiumKind.self,
        EncuestaPremiumKind.self,
        AsistenciaKind.self,
        MonitoreoKind.self,
    ]

    public let all: [any BaseKind]

    /// `kinds`: the registered ones by default (tests add a kind of their own).
    public init(templates: Templates, kinds: [any RegisteredKind.Type] = KindCatalog.registered) throws {
        all = try kinds.compactMap { try $0.make(templates: templates) }
    }

    public func kind(_ id: String) -> (any BaseKind)? { all.first { $0.id == id } }
}

/// What every kind shares: the estado of a new case, días de gestión from the case date, the
/// alarm once they reach the kind's limit.
public struct CaseClock: Sendable {
    let calendar: BusinessCalendar
    let dateField: String
    let alarmBusinessDays: Int
    let initialEstado: String

    public init(kind: any BaseKind, calendar: BusinessCalendar) {
        self.calendar = calendar
        dateField = kind.dateField
        alarmBusinessDays = kind.alarmBusinessDays
        initialEstado = kind.estados.first ?? ""
    }

    /// A row's outcome before the kind's own rules: estado, días de gestión, alarm. `memo`
    /// (one per chunk of rows, one thread) counts each case date once.
    public func start(_ record: Record, today: CalendarDate, memo: BusinessDayMemo? = nil) -> RowOutcome {
        var outcome = RowOutcome(row: record.row, estado: initialEstado, alarm: false)
        if case .date(let start, _)? = record.fields[dateField] { count(&outcome, from: start, today: today, memo: memo) }
        return outcome
    }

    /// Días de gestión from `start` (the case date, or the day the history first saw it) to
    /// today, and the alarm once they reach the kind's limit.
    public func count(_ outcome: inout RowOutcome, from start: CalendarDate, today: CalendarDate, memo: BusinessDayMemo? = nil) {
        let dias: Int
        if let memo {
            dias = memo.days(from: start) { calendar.businessDays(from: start, to: today) }
        } else {
            dias = calendar.businessDays(from: start, to: today)
        }
        outcome.diasGestion = dias
        outcome.alarm = dias >= alarmBusinessDays
    }
}

/// Business days to one fixed day, by start day: a base's rows share a few hundred dates, and
/// counting walks every day between (a year back is 365 steps). Not shared between threads.
public final class BusinessDayMemo {
    private var counted: [CalendarDate: Int] = [:]
    public init() {}
    func days(from start: CalendarDate, _ count: () -> Int) -> Int {
        if let hit = counted[start] { return hit }
        let value = count()
        counted[start] = value
        return value
    }
}
