/// The evidence rules of DOMAIN.md §2.1: which causales de mal escalado a row's data shows,
/// each with its evidence in words. ME12 (proceso T&D errado) is human judgement only.
public struct MalEscaladosRules: Sendable {
    public struct Finding: Equatable, Sendable {
        public var code: String
        public var label: String
        public var words: MalEscaladosEvidence
        /// The evidence as the history keeps it (Spanish).
        public var evidence: String { words.text(.es) }
    }

    public struct Assessment: Equatable, Sendable {
        public var findings: [Finding]
        /// The holding causal with the highest priority (1 first).
        public var primary: Finding?
        /// "Procede" when a causal holds, else "Por revisar" (a person decides).
        public var procede: String
    }

    public let catalog: [Templates.MalEscaladoCausal]
    public let procedeLabels: [String]
    /// Normalised síntoma → normalised valid options.
    let validOptions: [String: Set<String>]
    /// The words of Templates (`palabras`), normalised once. Services are kept without spaces
    /// too, so «Mi Claro App» and «MiClaro app» are one service.
    let servicesNeedingEmail: Set<String>
    let externalNetworkWords: [String]
    let inactiveAccountWords: [String]
    let noFaultNoticeWords: [String]
    /// Values of Incidencia T&D that mean there is none (ME11); an empty cell is one of them.
    let noIncidence: Set<String>
    let priority: [String: Int]
    /// Each causal by code, and the thresholds every row is measured against, looked up once
    /// (a search of the catalog per row copied its entries a million times).
    private let causalByCode: [String: Templates.MalEscaladoCausal]
    private let maxBlocks: Double, minMinutes: Double, minChars: Int

    public init(templates: Templates) {
        catalog = templates.malEscalados
        procedeLabels = templates.estados.procede
        validOptions = Dictionary(templates.opcionesPorSintoma.map { (HeaderMatcher.normalise($0.key), Set($0.value.map(HeaderMatcher.normalise))) },
                                  uniquingKeysWith: { a, b in a.union(b) })
        let words = templates.malEscaladosWords
        servicesNeedingEmail = Set(words.servicios_con_correo.map { HeaderMatcher.normalise($0).replacing(" ", with: "") })
        externalNetworkWords = words.red_externa.map(HeaderMatcher.normalise)
        inactiveAccountWords = words.cuenta_inactiva.map(HeaderMatcher.normalise)
        noFaultNoticeWords = words.aviso_sin_falla.map(HeaderMatcher.normalise)
        noIncidence = Set(words.sin_incidencia.map(HeaderMatcher.normalise) + [""])
        priority = Dictionary(templates.malEscalados.map { ($0.code, $0.priority) }, uniquingKeysWith: { a, _ in a })
        let byCode = Dictionary(templates.malEscalados.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        causalByCode = byCode
        func threshold(_ code: String, _ key: String, _ fallback: Double) -> Double { byCode[code]?.thresholds?[key] ?? fallback }
        maxBlocks = threshold("ME01", "max_cuadras", 3)
        minMinutes = threshold("ME11", "min_duracion_td_min", 3)
        minChars = max(0, Int(threshold("ME13", "min_caracteres_notas", 20)))
    }

    /// An e-mail address as far as a rule can tell: something@something.tld, one @, no
    /// spaces. Checked by hand: a regex literal in the per-row path was compiled again for
    /// every row (10 % of a 100k-row run).
    static func looksLikeEmail(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        // A dot with something on both sides, somewhere in the domain.
        let domain = Array(parts[1])
        return domain.indices.contains { i in domain[i] == "." && i > 0 && i < domain.count - 1 }
    }

    private func causal(_ code: String) -> Templates.MalEscaladoCausal? { causalByCode[code] }

    /// What ME01's second clause and ME07 need to know across the base: the same HHPP (a
    /// building) escalated from another floor or tower. Collected in one pass, compact.
    public struct CrossRowFacts: Sendable {
        var floors = OtherValueIndex()
        var towers = OtherValueIndex()
        let collectFloors: Bool
        let collectTowers: Bool

        public init(present: Set<String>) {
            collectFloors = present.contains("hhpp") && present.contains("piso")
            collectTowers = present.contains("hhpp") && present.contains("torre")
        }

        /// Whether `note` has anything to collect: not when the base has neither pisos nor torres.
        var collectsAny: Bool { collectFloors || collectTowers }

        public mutating func note(_ r: Record) {
            guard collectFloors || collectTowers, let h = r.text("hhpp") else { return }
            let hhpp = HeaderMatcher.normalise(h)
            if collectFloors, let p = r.text("piso") { floors.note(key: hhpp, value: HeaderMatcher.normalise(p), row: r.row) }
            if collectTowers, let t = r.text("torre") { towers.note(key: hhpp, value: HeaderMatcher.normalise(t), row: r.row) }
        }

        public mutating func seal() {
            floors.seal()
            towers.seal()
        }
    }

    /// Assesses every record held in memory; some causales (ME07) look across the base.
    public func assess(_ records: [Record], present: Set<String>) -> [Assessment] {
        var facts = CrossRowFacts(present: present)
        for r in records { facts.note(r) }
        facts.seal()
        let sealed = facts
        return Parallel.map(records) { chunk in
            let memo = NormalisedText()
            return chunk.map { self.assess($0, present: present, facts: sealed, memo: memo) }
        }
    }

    /// One record's assessment, the cross-row facts complete.
    public func assess(_ r: Record, present: Set<String>, facts: CrossRowFacts, memo: NormalisedText = NormalisedText()) -> Assessment {
        // The same few values (estados, options, nodes) recur on every row: normalise each once.
        func n(_ s: String?) -> String { memo.normalised(s ?? "") }
        var found: [Finding] = []
        func add(_ code: String, _ evidence: MalEscaladosEvidence) {
            guard let c = causal(code), c.automatic != false else { return }
            found.append(Finding(code: code, label: c.label, words: evidence))
        }
        if let d = r.number("distancia_cuadras"), d > maxBlocks {
            add("ME01", .distance(blocks: d, max: maxBlocks))
        } else if let h = r.text("hhpp"), let t = r.text("torre"), let other = facts.towers.otherRow(key: n(h), value: n(t), row: r.row) {
            add("ME01", .otherTower(hhpp: h, row: other - r.shift))
        }
        if let escalated = r.text("nodo_escalado"), let client = r.text("nodo_cliente"), n(escalated) != n(client) {
            add("ME02", .otherNode(escalated: escalated, client: client))
        }
        if let state = r.text("estado_cuenta") {
            let s = n(state)
            if memo.containsAny(s, of: inactiveAccountWords) { add("ME03", .inactiveAccount(state: state)) }
        }
        if let option = r.text("opcion_escalada"), let symptom = r.text("sintoma"), let valid = validOptions[n(symptom)], !valid.contains(n(option)) {
            add("ME04", .optionNotForSymptom(option: option, symptom: symptom))
        }
        if let option = r.text("opcion_escalada"), memo.containsAny(n(option), of: externalNetworkWords), let visit = r.text("visita") {
            add("ME05", .externalNetworkWithVisit(option: option, visit: visit))
        }
        if let notice = r.text("tipo_aviso") {
            let s = n(notice)
            if memo.containsAny(s, of: noFaultNoticeWords) { add("ME06", .noFaultNotice(notice)) }
        }
        if let h = r.text("hhpp"), let p = r.text("piso"), let other = facts.floors.otherRow(key: n(h), value: n(p), row: r.row) {
            add("ME07", .otherFloor(hhpp: h, row: other - r.shift))
        }
        if present.contains("seriales") {
            if case .list(let serials)? = r.fields["seriales"], !serials.isEmpty {
                if case .list(let inventory)? = r.fields["seriales_inventario"] {
                    let known = Set(inventory.map(n))
                    if let stray = serials.first(where: { !known.contains(n($0)) }) { add("ME08", .serialNotInInventory(stray)) }
                }
            } else {
                add("ME08", .noSerials)
            }
        }
        if let escalated = r.text("tv_escalada"), let installed = r.text("tv_instalada"), n(escalated) != n(installed) {
            add("ME09", .otherTV(escalated: escalated, installed: installed))
        }
        if let service = r.text("servicio"), servicesNeedingEmail.contains(n(service).replacing(" ", with: "")) {
            let mail = r.text("correo") ?? ""
            if mail.isEmpty { add("ME10", .serviceWithoutEmail(service)) }
            else if !Self.looksLikeEmail(mail) { add("ME10", .invalidEmail(mail)) }
        }
        if present.contains("incidencia_td"), noIncidence.contains(n(r.text("incidencia_td"))) {
            add("ME11", .noIncidence)
        } else if let minutes = r.number("duracion_td_min"), minutes < minMinutes {
            add("ME11", .shortTD(minutes: minutes, min: minMinutes))
        }
        if present.contains("notas") {
            let notes = r.text("notas")?.trimmedSpaces ?? ""
            // Counting stops at the limit: long notes are never walked to their end.
            let length = notes.prefix(minChars).count
            if notes.isEmpty { add("ME13", .emptyNotes) }
            else if length < minChars { add("ME13", .shortNotes(length: length, min: minChars)) }
        }
        let primary = found.min { (priority[$0.code] ?? 99) < (priority[$1.code] ?? 99) }
        let procede = primary == nil ? (procedeLabels.last ?? "Por revisar") : (procedeLabels.first ?? "Procede")
        return Assessment(findings: found, primary: primary, procede: procede)
    }
}

import Foundation

/// A per-thread memo of normalised values (one per chunk of rows; never shared across threads).
public final class NormalisedText {
    public init() {}
    private var cache: [String: String] = [:]
    public func normalised(_ s: String) -> String {
        if let hit = cache[s] { return hit }
        let value = HeaderMatcher.normalise(s)
        if cache.count < 100_000 { cache[s] = value }
        return value
    }

    /// Each word list asked about, with its answers. A short list found by `==` (the same
    /// array is equal at once), not a dictionary keyed by the list: hashing every word of it
    /// on every row cost more than the search it saved.
    private var matches: [(words: [String], found: [String: Bool])] = []

    /// Whether `text` holds any of `words` (both normalised). The same few values (estados,
    /// avisos, options) recur on every row: each is searched once. A byte search: the generic
    /// `firstRange(of:)` was 12 % of a 100k-row run.
    public func containsAny(_ text: String, of words: [String]) -> Bool {
        let list = matches.firstIndex { $0.words == words } ?? {
            matches.append((words, [:]))
            return matches.count - 1
        }()
        if let hit = matches[list].found[text] { return hit }
        let found = words.contains { TextNormalising.contains(text, $0) }
        if matches[list].found.count < 100_000 { matches[list].found[text] = found }
        return found
    }
}
