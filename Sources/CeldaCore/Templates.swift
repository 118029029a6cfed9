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
        public var isRequired: Bool { required ?? false }
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
        public var keywords: [String]
    }

    public struct Estados: Codable, Sendable {
        public var estados: [String]
        public var estados_mal_escalados: [String]
        public var procede: [String]
    }

    public struct CalendarSettings: Codable, Sendable {
        public var weekend: [Int]
        public var extra_days_off: [String]
        public var alarm_business_days: Int
        public var alarm_business_days_mal_escalados: Int?
    }

    /// Kinds by their id (`mal-escalados`, `tipificador`), in a stable order.
    public var kinds: [(id: String, kind: Kind)]
    public var malEscalados: [MalEscaladoCausal]
    public var tipificador: [TipificadorCausal]
    public var estados: Estados
    public var calendar: CalendarSettings
    /// ME04: síntoma → valid opciones de escalamiento.
    public var opcionesPorSintoma: [String: [String]]
    public struct Workflow: Codable, Sendable {
        public struct Folders: Codable, Sendable {
            public var entrada: String, salida: String, procesados: String, errores: String, procesando: String
        }
        public var folders: Folders
        public var accepted_extensions: [String]
        public var stable_looks: Int
    }
    public var workflow: Workflow

    /// Header and sheet labels by language ("es", "en"), by key.
    public var labels: [String: [String: String]]

    /// A label in `language`, falling back to Spanish, then to the key itself.
    public func label(_ key: String, _ language: String = "es") -> String {
        labels[language]?[key] ?? labels["es"]?[key] ?? key
    }

    /// The files a template folder must have.
    public static let files = ["kinds.yaml", "causales-mal-escalados.yaml", "causales-tipificador.yaml", "estados.yaml", "calendar.yaml",
                               "opciones-por-sintoma.yaml", "labels.yaml", "workflow.yaml"]

    /// Parses the template texts, keyed by file name. Any problem names the file and the key.
    public init(texts: [String: String]) throws {
        func text(_ file: String) throws -> String {
            guard let t = texts[file] else { throw TemplateError(file: file, key: nil, problem: "falta el archivo") }
            return t
        }
        struct KindsFile: Codable { var kinds: [String: Kind] }
        struct MalFile: Codable { var causales: [MalEscaladoCausal] }
        struct TipFile: Codable { var causales: [TipificadorCausal] }
        let kindsFile: KindsFile = try Templates.decode(try text("kinds.yaml"), file: "kinds.yaml")
        kinds = kindsFile.kinds.sorted { $0.key < $1.key }.map { (id: $0.key, kind: $0.value) }
        malEscalados = try Templates.decode(try text("causales-mal-escalados.yaml"), file: "causales-mal-escalados.yaml", as: MalFile.self).causales
        tipificador = try Templates.decode(try text("causales-tipificador.yaml"), file: "causales-tipificador.yaml", as: TipFile.self).causales
        estados = try Templates.decode(try text("estados.yaml"), file: "estados.yaml")
        calendar = try Templates.decode(try text("calendar.yaml"), file: "calendar.yaml")
        struct OptionsFile: Codable { var sintomas: [String: [String]] }
        labels = try Templates.decode(try text("labels.yaml"), file: "labels.yaml")
        workflow = try Templates.decode(try text("workflow.yaml"), file: "workflow.yaml")
        opcionesPorSintoma = try Templates.decode(try text("opciones-por-sintoma.yaml"), file: "opciones-por-sintoma.yaml", as: OptionsFile.self).sintomas
        try validate()
    }

    private static func decode<T: Decodable>(_ text: String, file: String, as type: T.Type = T.self) throws -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw TemplateError(decoding: error, file: file)
        } catch let error as YamlError {
            throw TemplateError(file: file, key: nil, problem: "YAML inválido: \(error)")
        }
    }

    /// Rules the decoder cannot check: unique codes, every kind with a required field, sane thresholds.
    private func validate() throws {
        for (id, kind) in kinds {
            if !kind.fields.contains(where: \.isRequired) {
                throw TemplateError(file: "kinds.yaml", key: "kinds.\(id).fields", problem: "ningún campo es obligatorio; no se podría reconocer el tipo de base")
            }
            for (i, f) in kind.fields.enumerated() where f.aliases.isEmpty {
                throw TemplateError(file: "kinds.yaml", key: "kinds.\(id).fields[\(i)].aliases", problem: "el campo «\(f.field)» no tiene encabezados")
            }
        }
        var seen = Set<String>()
        for (i, c) in malEscalados.enumerated() where !seen.insert(c.code).inserted {
            throw TemplateError(file: "causales-mal-escalados.yaml", key: "causales[\(i)].code", problem: "el código \(c.code) está repetido")
        }
        for (i, day) in calendar.extra_days_off.enumerated() where CalendarDate(iso: day) == nil {
            throw TemplateError(file: "calendar.yaml", key: "extra_days_off[\(i)]", problem: "«\(day)» no es una fecha aaaa-mm-dd")
        }
        let f = workflow.folders
        let names = [f.entrada, f.salida, f.procesados, f.errores, f.procesando]
        if Set(names).count != names.count || names.contains(where: { $0.isEmpty || $0.contains("/") }) {
            throw TemplateError(file: "workflow.yaml", key: "folders", problem: "los nombres de carpeta deben ser distintos, no vacíos y sin «/»")
        }
        for (i, d) in calendar.weekend.enumerated() where !(1...7).contains(d) {
            throw TemplateError(file: "calendar.yaml", key: "weekend[\(i)]", problem: "\(d) no es un día de 1 (lunes) a 7 (domingo)")
        }
    }

    public func kind(_ id: String) -> Kind? { kinds.first { $0.id == id }?.kind }

    public var businessCalendar: BusinessCalendar {
        BusinessCalendar(weekend: Set(calendar.weekend), extraDaysOff: Set(calendar.extra_days_off.compactMap { CalendarDate(iso: $0) }))
    }
}

/// A template that cannot be used: which file, which key, what is wrong (in Spanish).
public struct TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var key: String?
    public var problem: String

    public init(file: String, key: String?, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    init(decoding error: DecodingError, file: String) {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { k in k.intValue.map { "[\($0)]" } ?? "." + k.stringValue }.joined().trimmingPrefix(".").description
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            self.init(file: file, key: parent.isEmpty ? key.stringValue : parent + "." + key.stringValue, problem: "falta la clave «\(key.stringValue)»")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            self.init(file: file, key: path(context.codingPath), problem: "valor inválido: \(context.debugDescription)")
        @unknown default:
            self.init(file: file, key: nil, problem: "\(error)")
        }
    }

    public var description: String {
        "plantilla «\(file)»" + (key.map { ", clave «\($0)»" } ?? "") + ": \(problem)"
    }
}
