import Foundation
import Yams

/// Everything an operation may adapt without a rebuild, as read from `Templates/*.yaml`.
/// The core receives the texts and never reads files itself.
public struct Templates: Sendable {
    public struct Field: Codable, Sendable, Equatable {
        public enum ValueType: String, Codable, Sendable { case date, datetime, account, text, number, list }
        public var field: String
        public var type: ValueType
        public var required: Bool?
        public var aliases: [String]
        /// A date that may lie after today (a follow-up the customer asked for): no «fecha futura» flag.
        public var future: Bool?
        public var isRequired: Bool { required ?? false }
        public var allowsFuture: Bool { future ?? false }
    }

    public struct Kind: Codable, Sendable {
        public var label: String
        public var fields: [Field]
    }

    public struct MalEscaladoCausal: Codable, Sendable {
        public var code: String
        public var label: String
        public var priority: Int
        public var automatic: Bool?
        public var thresholds: [String: Double]?
        public var procedimiento: String
    }

    public struct TipificadorCausal: Codable, Sendable {
        public var code: String
        public var label: String
        public var area: String
        /// Words that infer this causal from a motivo (the one with most of them wins).
        public var keywords: [String]
        /// Words that plainly point to this causal: a form giving another one, whose motivo has
        /// none of that one's words, contradicts its motivo.
        public var evidencia: [String]?
        /// Words showing a motivo may be about this causal: they only keep a form from being accused.
        public var relacionadas: [String]?
        /// false: a causal a form may give whatever its motivo says (B, an account of another area).
        public var acusable: Bool?
    }

    public struct Estados: Codable, Sendable {
        public var estados: [String]
        public var estados_mal_escalados: [String]
        public var procede: [String]
        /// Estados that close a case: no alarm, counted as solucionado.
        public var cerrados: [String]
        /// Gestión Soporte's answers to a reclamación: accepted first, rejected second. Optional,
        /// so a template folder of an earlier version still loads.
        public var respuestas_reclamacion: [String]?
        public var respuestasReclamacion: [String] { respuestas_reclamacion ?? ["Aceptada", "Rechazada"] }
    }

    /// The words the mal-escalados rules look for (causales-mal-escalados.yaml, `palabras`).
    public struct MalEscaladosWords: Codable, Sendable {
        public var cuenta_inactiva: [String]
        public var red_externa: [String]
        public var aviso_sin_falla: [String]
        public var servicios_con_correo: [String]
        public var sin_incidencia: [String]
    }

    public struct CalendarSettings: Codable, Sendable {
        public var weekend: [Int]
        public var extra_days_off: [String]
        public var alarm_business_days: Int
        public var alarm_business_days_mal_escalados: Int?
        /// IANA name of the operation's time zone (America/Bogota): what "today" means.
        public var time_zone: String
    }

    /// Kinds by their id (`mal-escalados`, `tipificador`), in a stable order.
    public var kinds: [(id: String, kind: Kind)]
    public var malEscalados: [MalEscaladoCausal]
    public var malEscaladosWords: MalEscaladosWords
    public var tipificador: [TipificadorCausal]
    public var estados: Estados
    public var calendar: CalendarSettings
    /// ME04: síntoma → valid opciones de escalamiento.
    public var opcionesPorSintoma: [String: [String]]
    public struct Workflow: Codable, Sendable {
        public struct Folders: Codable, Sendable {
            public var entrada: String, salida: String, procesados: String, errores: String, procesando: String
        }
        /// The systemd unit `celda service` writes (workflow.yaml's `servicio:`).
        public struct Service: Codable, Equatable, Sendable {
            public var umask: String
            public var reinicio_segundos: Int
            public var espera_al_detener_segundos: Int
            public static let standard = Service(umask: "0007", reinicio_segundos: 10, espera_al_detener_segundos: 600)
        }
        public var folders: Folders
        public var accepted_extensions: [String]
        public var stable_looks: Int
        public var servicio: Service?
        /// Months of history kept; 0 or missing: everything.
        public var retencion_meses: Int?
        public var service: Service { servicio ?? .standard }
    }
    public var workflow: Workflow
    /// Thresholds of recurrence and reincidence (recurrencia.yaml).
    public var recurrence: Recurrence.Settings
    public var compromisos: Compromisos

    /// Claro Premium thresholds and lists (premium.yaml).
    public var premium: PremiumSettings

    /// Header and sheet labels by language ("es", "en"), by key.
    public var labels: [String: [String: String]]

    /// A label in `language`, falling back to Spanish, then to the key itself.
    public func label(_ key: String, _ language: Language = .es) -> String {
        labels[language.rawValue]?[key] ?? labels[Language.es.rawValue]?[key] ?? key
    }

    /// A kind's own file in the template folder: `kinds/<id>.yaml` with its `kind:` (label and
    /// fields, as in kinds.yaml), its `labels:` (es, en) and its `ajustes:` (what only it
    /// reads, decoded by the kind itself through `ownSettings`). A new kind needs no edit of
    /// the shared files.
    public static let kindFolder = "kinds"

    /// The texts of the kinds' own files, by kind id.
    public private(set) var kindTexts: [String: String] = [:]

    /// The files a template folder must have.
    public static let files = ["kinds.yaml", "causales-mal-escalados.yaml", "causales-tipificador.yaml", "estados.yaml", "calendar.yaml",
                               "opciones-por-sintoma.yaml", "labels.yaml", "labels-informes.yaml", "workflow.yaml", "recurrencia.yaml",
                               "compromisos.yaml", "premium.yaml"]

    /// Parses the template texts, keyed by file name. Any problem names the file and the key.
    public init(texts: [String: String]) throws {
        func text(_ file: String) throws -> String {
            guard let t = texts[file] else { throw TemplateError(file: file, key: nil, problem: .missingFile) }
            return t
        }
        struct KindsFile: Codable { var kinds: [String: Kind] }
        struct MalFile: Codable { var palabras: MalEscaladosWords; var causales: [MalEscaladoCausal] }
        struct TipFile: Codable { var causales: [TipificadorCausal] }
        let kindsFile: KindsFile = try Templates.decode(try text("kinds.yaml"), file: "kinds.yaml")
        kinds = kindsFile.kinds.sorted { $0.key < $1.key }.map { (id: $0.key, kind: $0.value) }
        let malFile = try Templates.decode(try text("causales-mal-escalados.yaml"), file: "causales-mal-escalados.yaml", as: MalFile.self)
        malEscalados = malFile.causales
        malEscaladosWords = malFile.palabras
        tipificador = try Templates.decode(try text("causales-tipificador.yaml"), file: "causales-tipificador.yaml", as: TipFile.self).causales
        estados = try Templates.decode(try text("estados.yaml"), file: "estados.yaml")
        calendar = try Templates.decode(try text("calendar.yaml"), file: "calendar.yaml")
        struct OptionsFile: Codable { var sintomas: [String: [String]] }
        labels = try Templates.decode(try text("labels.yaml"), file: "labels.yaml")
        let reportLabels: [String: [String: String]] = try Templates.decode(try text("labels-informes.yaml"), file: "labels-informes.yaml")
        for (language, entries) in reportLabels {
            for (key, value) in entries {
                if labels[language]?[key] != nil {
                    throw TemplateError(file: "labels-informes.yaml", key: "\(language).\(key)", problem: .duplicateCode(key))
                }
                labels[language, default: [:]][key] = value
            }
        }
        workflow = try Templates.decode(try text("workflow.yaml"), file: "workflow.yaml")
        opcionesPorSintoma = try Templates.decode(try text("opciones-por-sintoma.yaml"), file: "opciones-por-sintoma.yaml", as: OptionsFile.self).sintomas
        recurrence = try Templates.decode(try text("recurrencia.yaml"), file: "recurrencia.yaml")
        compromisos = try Templates.decode(try text("compromisos.yaml"), file: "compromisos.yaml")
        premium = try Templates.decode(try text("premium.yaml"), file: "premium.yaml")
        struct PremiumLabels: Codable { var labels: [String: [String: String]] }
        let premiumLabels = try Templates.decode(try text("premium.yaml"), file: "premium.yaml", as: PremiumLabels.self).labels
        for (language, entries) in premiumLabels {
            for (key, value) in entries {
                if labels[language]?[key] != nil {
                    throw TemplateError(file: "premium.yaml", key: "labels.\(language).\(key)", problem: .duplicateCode(key))
                }
                labels[language, default: [:]][key] = value
            }
        }
        try addKindFiles(texts)
        try validate()
    }

    /// Every `kinds/<id>.yaml` among the texts: its kind, its labels (a key another file has
    /// is refused, so no label silently changes), its text for `ownSettings`.
    private mutating func addKindFiles(_ texts: [String: String]) throws {
        struct KindFile: Codable { var kind: Kind; var labels: [String: [String: String]]? }
        let prefix = Self.kindFolder + "/"
        for (file, text) in texts.sorted(by: { $0.key < $1.key }) where file.hasPrefix(prefix) && file.hasSuffix(".yaml") {
            let id = String(file.dropFirst(prefix.count).dropLast(".yaml".count))
            let parsed = try Templates.decode(text, file: file, as: KindFile.self)
            if kind(id) != nil { throw TemplateError(file: file, key: "kind", problem: .duplicateCode(id)) }
            kinds.append((id: id, kind: parsed.kind))
            kindTexts[id] = text
            for (language, entries) in parsed.labels ?? [:] {
                for (key, value) in entries {
                    if labels[language]?[key] != nil { throw TemplateError(file: file, key: "labels.\(language).\(key)", problem: .duplicateCode(key)) }
                    labels[language, default: [:]][key] = value
                }
            }
        }
        kinds.sort { $0.id < $1.id }
    }

    /// The `ajustes:` section of kind `id`'s own file, decoded; nil when the kind has no file
    /// of its own. A wrong value is a `TemplateError` naming the file and key.
    public func ownSettings<T: Decodable>(_ type: T.Type, kind id: String) throws -> T? {
        guard let text = kindTexts[id] else { return nil }
        return try Templates.decode(text, file: Self.kindFolder + "/\(id).yaml", as: KindSettingsSection<T>.self).ajustes
    }

    private static func decode<T: Decodable>(_ text: String, file: String, as type: T.Type = T.self) throws -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw TemplateError(decoding: error, file: file)
        } catch let error as YamlError {
            throw TemplateError(file: file, key: nil, problem: .invalidYAML("\(error)"))
        }
    }

    /// Rules the decoder cannot check: unique codes, every kind with a required field, sane thresholds.
    private func validate() throws {
        for (id, kind) in kinds {
            if !kind.fields.contains(where: \.isRequired) {
                throw TemplateError(file: "kinds.yaml", key: "kinds.\(id).fields", problem: .noRequiredField)
            }
            for (i, f) in kind.fields.enumerated() where f.aliases.isEmpty {
                throw TemplateError(file: "kinds.yaml", key: "kinds.\(id).fields[\(i)].aliases", problem: .fieldWithoutAliases(f.field))
            }
        }
        var seen = Set<String>()
        for (i, c) in malEscalados.enumerated() where !seen.insert(c.code).inserted {
            throw TemplateError(file: "causales-mal-escalados.yaml", key: "causales[\(i)].code", problem: .duplicateCode(c.code))
        }
        for (i, day) in calendar.extra_days_off.enumerated() where CalendarDate(iso: day) == nil {
            throw TemplateError(file: "calendar.yaml", key: "extra_days_off[\(i)]", problem: .notADate(day))
        }
        let f = workflow.folders
        let names = [f.entrada, f.salida, f.procesados, f.errores, f.procesando]
        if Set(names).count != names.count || names.contains(where: { $0.isEmpty || $0.contains("/") }) {
            throw TemplateError(file: "workflow.yaml", key: "folders", problem: .badFolderNames)
        }
        for (i, d) in calendar.weekend.enumerated() where !(1...7).contains(d) {
            throw TemplateError(file: "calendar.yaml", key: "weekend[\(i)]", problem: .badWeekday(d))
        }
        let r = recurrence
        for (key, value) in [("recurrente_mismo_dia", r.recurrente_mismo_dia), ("recurrente_ventana", r.recurrente_ventana),
                             ("reincidente_ventana", r.reincidente_ventana), ("ventana_dias", r.ventana_dias)] where value < 1 {
            throw TemplateError(file: "recurrencia.yaml", key: key, problem: .invalidValue("\(value) < 1"))
        }
        let c = compromisos
        for code in FormError.Code.allCases where c.formError(code) == nil {
            throw TemplateError(file: "compromisos.yaml", key: "errores_formulario", problem: .missingKey(code.rawValue))
        }
        for (key, value) in [("renglones_compromiso", c.renglones_compromiso), ("renglones_plan", c.renglones_plan),
                             ("seguimiento_dias_habiles", c.seguimiento_dias_habiles)] where !(0...50).contains(value) {
            throw TemplateError(file: "compromisos.yaml", key: key, problem: .invalidValue("\(value) ∉ 0…50"))
        }
        let answers = estados.respuestasReclamacion.map(TextNormalising.normalise)
        if answers.count != 2 || answers[0] == answers[1] || answers.contains("") {
            throw TemplateError(file: "estados.yaml", key: "respuestas_reclamacion", problem: .invalidValue("\(estados.respuestasReclamacion) (dos respuestas distintas: aceptada, rechazada)"))
        }
        try premium.validate()
        if TimeZone(identifier: calendar.time_zone) == nil {
            throw TemplateError(file: "calendar.yaml", key: "time_zone", problem: .unknownTimeZone(calendar.time_zone))
        }
    }

    public func kind(_ id: String) -> Kind? { kinds.first { $0.id == id }?.kind }

    public var businessCalendar: BusinessCalendar {
        BusinessCalendar(weekend: Set(calendar.weekend), extraDaysOff: Set(calendar.extra_days_off.compactMap { CalendarDate(iso: $0) }))
    }

    /// Today's date in the operation's time zone (calendar.yaml), for when no date is given.
    public func today(now: Date = Date()) -> CalendarDate {
        let zone = TimeZone(identifier: calendar.time_zone) ?? .current
        let c = Calendar(identifier: .gregorian).dateComponents(in: zone, from: now)
        return CalendarDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1)
    }
}

/// A kind file's `ajustes:` section (`Templates.ownSettings`).
private struct KindSettingsSection<T: Decodable>: Decodable { var ajustes: T }
