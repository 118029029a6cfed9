import CeldaCore
import XLSXWriter

/// The team's indicators of the *Informe Claro Premium* (seed 001 §5): AUSENTISMO and
/// ROTACIÓN from the workforce export (kind `asistencia`), CALIDAD MEC from the monitoreos
/// (kind `monitoreo`) and the survey's satisfaction with the agent — figures the core computed
/// (`AsistenciaFigures`, `CalidadMEC`), written as formulas over their detail sheets.
public struct PremiumTeam: Sendable {
    public var asistencia: AsistenciaFigures
    /// nil when the templates have no monitoreo kind.
    public var calidad: CalidadMEC?
    /// Each survey answer's satisfaction with the agent in the top two points, by its key.
    public var satisfaction: [String: Bool]

    public init(asistencia: AsistenciaFigures, calidad: CalidadMEC?, satisfaction: [String: Bool]) {
        self.asistencia = asistencia
        self.calidad = calidad
        self.satisfaction = satisfaction
    }

    /// Whether the period has anything of the team to show.
    public var isEmpty: Bool { asistencia.isEmpty && !(calidad?.hasMonitoreos ?? false) }
}

/// *Asistencia*: every agent's day of the period; *Agentes*: every agent with its day of
/// leaving; *Monitoreos*: every monitoring with its nota on 0–100.
enum PremiumTeamDetail {
    enum Day: Int, CaseIterable { case fecha, documento, agente, supervisor, programado, falta, activo, primerDiaPeriodo, primerDiaSemana }
    enum Agent: Int, CaseIterable { case documento, agente, supervisor, primerDia, retiro, retirado }
    enum Monitoring: Int, CaseIterable { case fecha, agente, documento, monitor, nota }

    static func days(_ a: AsistenciaFigures, into book: Workbook, text: ReportText, footer: String) throws -> DetailSheet {
        func flag(_ b: Bool?) -> WritableValue { b.map { .text($0 ? text.yes : text.no) } ?? .blank }
        let weekStart = Dictionary(a.weeks.compactMap { w in w.firstDataDay.map { ($0, true) } }, uniquingKeysWith: { x, _ in x })
        let rows: [[WritableValue]] = a.days.map { d in
            [ReportStyles.serial(d.day), .text(d.documento), .text(d.agente), .text(text.key(d.supervisor)), flag(d.programado), flag(d.falta),
             flag(d.activo), flag(d.day == a.firstDataDay), flag(weekStart[d.day] == true)]
        }
        return try DetailSheet.write(into: book, name: text("prem_hoja_asistencia"), headers: Day.allCases.map { text("prem_asis_" + String(describing: $0)) },
                                     rows: rows, footer: footer)
    }

    static func agents(_ a: AsistenciaFigures, into book: Workbook, text: ReportText, footer: String) throws -> DetailSheet {
        let rows: [[WritableValue]] = a.agents.map { g in
            [.text(g.documento), .text(g.agente), .text(text.key(g.supervisor)), ReportStyles.serial(g.firstDay), g.retiro.map { ReportStyles.serial($0) } ?? .blank,
             .text(g.retiredInPeriod ? text.yes : text.no)]
        }
        return try DetailSheet.write(into: book, name: text("prem_hoja_agentes"), headers: Agent.allCases.map { text("prem_agt_" + String(describing: $0)) },
                                     rows: rows, footer: footer)
    }

    static func monitorings(_ c: CalidadMEC?, into book: Workbook, text: ReportText, footer: String) throws -> DetailSheet {
        let rows: [[WritableValue]] = (c?.monitorings ?? []).map { m in
            [ReportStyles.serial(m.day), .text(m.agent), .text(m.documento ?? ""), .text(m.monitor ?? ""), .number(m.nota)]
        }
        return try DetailSheet.write(into: book, name: text("prem_hoja_monitoreos"),
                                     headers: Monitoring.allCases.map { text("prem_mon_" + String(describing: $0)) }, rows: rows, footer: footer)
    }
}

/// The *Equipo* sheet: AUSENTISMO and ROTACIÓN per supervisor, CALIDAD MEC per backoffice with
/// its two parts and the meta, and each by week; a period without data of a kind says so.
struct PremiumTeamSheet {
    let book: Workbook
    let team: PremiumTeam
    let text: ReportText
    let premium: PremiumSettings
    let days: DetailSheet, agents: DetailSheet, monitorings: DetailSheet, surveys: DetailSheet

    typealias D = PremiumTeamDetail.Day
    typealias A = PremiumTeamDetail.Agent
    typealias M = PremiumTeamDetail.Monitoring
    typealias S = PremiumSurveyDetail.Column

    func write(_ s: SummarySheet, footer: String) throws {
        var top = SummarySheet.firstTableRow
        let a = team.asistencia
        let yes = text.yes
        func caption(_ key: String) throws {
            try s.sheet.write(.text(text(key)), row: top, column: 0, format: ReportStyles.caption)
        }
        func words(_ line: String) throws {
            try s.note(line, row: top, columns: 7)
            top += 2
        }
        func ratio(_ r: AsistenciaFigures.Ratio) -> [Double] { [Double(r.whole), Double(r.part), r.value ?? 0] }

        // Ausentismo and rotación per supervisor.
        try caption("prem_tabla_equipo")
        top += 1
        if a.isEmpty {
            try words(text("prem_sin_asistencia"))
        } else {
            let rows = a.supervisors.map { sup in
                PremiumTable.Row(label: text.key(sup), condition: { detail in
                    [.equals(column: detail.sheet.name == agents.sheet.name ? A.supervisor.rawValue : D.supervisor.rawValue, text.key(sup))]
                }, cached: figures(a.bySupervisor[sup] ?? .init()))
            }
            let placed = try asistenciaTable(label: "prem_col_supervisor", activeOn: .primerDiaPeriodo, rows: rows,
                                              total: .init(label: text("inf_total"), condition: { _ in [] }, cached: figures(a.total)))
                .write(into: s.sheet, row: top, column: 0, widths: s.widths)
            top = (placed.totalRow ?? placed.lastDataRow) + 1
            try words(text("prem_nota_equipo").replacing("{primer_dia}", with: a.firstDataDay.map(ReportText.dmy) ?? ""))
        }

        // Calidad MEC per backoffice.
        try caption("prem_tabla_calidad")
        top += 1
        if let c = team.calidad {
            if !c.hasMonitoreos { try words(text("prem_sin_monitoreos")) }
            if !c.hasAnswers { try words(text("prem_sin_satisfaccion")) }
            let rows = c.lines.map { line in
                PremiumTable.Row(label: line.agent, condition: { detail in
                    [.equals(column: detail.sheet.name == monitorings.sheet.name ? M.agente.rawValue : S.backoffice.rawValue, line.agent)]
                }, cached: calidad(line, c))
            }
            let placed = try PremiumTable(
                labelHeader: text("prem_col_agente"),
                headers: ["prem_monitoreos", "prem_calidad_emitida", "prem_respuestas_satisf", "prem_top2", "prem_calidad_percibida",
                          "prem_calidad_mec", "prem_cumple_meta"].map { text($0) },
                looks: [.integer, .percent, .integer, .integer, .percent, .percent, .text],
                values: [.count(monitorings, []), .average(monitorings, column: M.nota.rawValue, count: 0, divisor: 100),
                         .count(surveys, [.notEquals(column: S.satisfaccion.rawValue, "")]),
                         .count(surveys, [.equals(column: S.satisfaccion.rawValue, yes)]), .share(part: 3, whole: 2),
                         .weighted([(1, c.settings.peso_emitida), (4, c.settings.peso_percibida)]),
                         .meets(of: 5, meta: c.settings.meta, yes: yes, no: text.no)],
                rows: rows, total: .init(label: text("inf_total"), condition: { _ in [] }, cached: calidad(c.total, c)))
                .write(into: s.sheet, row: top, column: 0, widths: s.widths)
            top = (placed.totalRow ?? placed.lastDataRow) + 1
            try words(text("prem_nota_calidad")
                        .replacing("{emitida}", with: percentWhole(c.settings.peso_emitida))
                        .replacing("{percibida}", with: percentWhole(c.settings.peso_percibida))
                        .replacing("{meta}", with: percentWhole(c.settings.meta))
                        .replacing("{top5}", with: String(premium.satisfactionTop(scale: 5)))
                        .replacing("{top10}", with: String(premium.satisfactionTop(scale: 10))))
        } else {
            try words(text("prem_sin_monitoreos"))
        }

        try s.finish(headerRow: SummarySheet.firstTableRow + 1, footer: footer, oneTable: false)
    }

    /// *Equipo por semana*: each indicator by Monday–Sunday week, and their line.
    func writeWeeks(_ s: SummarySheet, footer: String) throws {
        try weeks(s, row: SummarySheet.firstTableRow)
        try s.finish(headerRow: SummarySheet.firstTableRow + 1, footer: footer, oneTable: false)
    }

    /// Días programados, faltas, Ausentismo; active on the first day (`activeOn`: of the period,
    /// of the week), retirados, Rotación — per supervisor or per week.
    private func asistenciaTable(label: String, activeOn first: D, rows: [PremiumTable.Row], total: PremiumTable.Row) -> PremiumTable {
        let yes = text.yes
        return PremiumTable(
            labelHeader: text(label),
            headers: ["prem_programados", "prem_faltas", "prem_ausentismo", "prem_activos", "prem_retirados", "prem_rotacion"].map { text($0) },
            looks: [.integer, .integer, .percent, .integer, .integer, .percent],
            values: [.count(days, [.equals(column: D.programado.rawValue, yes)]),
                     .count(days, [.equals(column: D.programado.rawValue, yes), .equals(column: D.falta.rawValue, yes)]),
                     .share(part: 1, whole: 0),
                     .count(days, [.equals(column: first.rawValue, yes), .equals(column: D.activo.rawValue, yes)]),
                     .count(agents, [.equals(column: A.retirado.rawValue, yes)]),
                     .share(part: 4, whole: 3)],
            rows: rows, total: total)
    }

    private func percentWhole(_ v: Double) -> String { String(Int((v * 100).rounded())) + " %" }

    private func figures(_ f: AsistenciaFigures.Figures) -> [Double] {
        [Double(f.ausentismo.whole), Double(f.ausentismo.part), f.ausentismo.value ?? 0, Double(f.rotacion.whole), Double(f.rotacion.part),
         f.rotacion.value ?? 0]
    }

    private func calidad(_ l: CalidadMEC.Line, _ c: CalidadMEC) -> [Double] {
        [Double(l.monitoreos), l.emitida ?? 0, Double(l.answers), Double(l.topAnswers), l.percibida ?? 0, c.mec(l) ?? .nan,
         c.meetsMeta(l).map { $0 ? 1 : 0 } ?? .nan]
    }

    /// A row per Monday–Sunday week of the period: ausentismo, rotación (active on the week's
    /// first day with data, retired in the week) and calidad MEC with its parts.
    private func weeks(_ s: SummarySheet, row top: Int) throws {
        let yes = text.yes
        let a = team.asistencia
        let c = team.calidad
        let rows = a.weeks.indices.map { i -> PremiumTable.Row in
            let w = a.weeks[i]
            let first = Double(w.first.dayNumber + CalendarDate.serialOf19700101), last = Double(w.last.dayNumber + CalendarDate.serialOf19700101)
            let cw = c?.weeks.first { $0.first == w.first }?.total
            let f = w.figures
            return PremiumTable.Row(label: ReportText.dm(w.first) + "–" + ReportText.dm(w.last), condition: { detail in
                let column: Int
                switch detail.sheet.name {
                case agents.sheet.name: column = A.retiro.rawValue
                case monitorings.sheet.name: column = M.fecha.rawValue
                case surveys.sheet.name: column = S.dia.rawValue
                default: column = D.fecha.rawValue
                }
                return [.atLeast(column: column, first), .atMost(column: column, last)]
            }, cached: [Double(f.ausentismo.whole), Double(f.ausentismo.part), f.ausentismo.value ?? 0, Double(f.rotacion.whole),
                        Double(f.rotacion.part), f.rotacion.value ?? 0,
                        Double(cw?.monitoreos ?? 0), cw?.emitida ?? 0, Double(cw?.answers ?? 0), Double(cw?.topAnswers ?? 0), cw?.percibida ?? 0,
                        cw.flatMap { c?.mec($0) } ?? .nan])
        }
        let weights = c.map { ($0.settings.peso_emitida, $0.settings.peso_percibida) } ?? (0.4, 0.6)
        // Two tables of six figures rather than one of twelve: the page prints at a readable size.
        var team = asistenciaTable(label: "prem_col_semana", activeOn: .primerDiaSemana,
                                   rows: rows.map { var r = $0; r.cached = Array(r.cached.prefix(6)); return r },
                                   total: .init(label: "", condition: { _ in [] }, cached: []))
        var quality = PremiumTable(
            labelHeader: text("prem_col_semana"),
            headers: ["prem_monitoreos", "prem_calidad_emitida", "prem_respuestas_satisf", "prem_top2", "prem_calidad_percibida", "prem_calidad_mec"].map { text($0) },
            looks: [.integer, .percent, .integer, .integer, .percent, .percent],
            values: [.count(monitorings, []), .average(monitorings, column: M.nota.rawValue, count: 0, divisor: 100),
                     .count(surveys, [.notEquals(column: S.satisfaccion.rawValue, "")]),
                     .count(surveys, [.equals(column: S.satisfaccion.rawValue, yes)]), .share(part: 3, whole: 2),
                     .weighted([(1, weights.0), (4, weights.1)])],
            rows: rows.map { var r = $0; r.cached = Array(r.cached.dropFirst(6)); return r }, total: .init(label: "", condition: { _ in [] }, cached: []))
        // A week that measured nothing is an empty cell: a gap in the line, never a 0 %.
        team.showsTotal = false
        team.gaps = true
        quality.showsTotal = false
        quality.gaps = true
        try s.sheet.write(.text(text("prem_tabla_semanas_equipo")), row: top, column: 0, format: ReportStyles.caption)
        let first = try team.write(into: s.sheet, row: top + 1, column: 0, widths: s.widths)
        try s.sheet.write(.text(text("prem_tabla_semanas_calidad")), row: first.lastDataRow + 2, column: 0, format: ReportStyles.caption)
        let second = try quality.write(into: s.sheet, row: first.lastDataRow + 3, column: 0, widths: s.widths)
        try line(s, series: [(first, 2), (first, 5), (second, 5)], row: second.lastDataRow + 3)
    }

    /// The month's line: Ausentismo, Rotación and Calidad MEC over the weeks, on 0–100 %.
    private func line(_ s: SummarySheet, series: [(table: SummaryTable.Placement, index: Int)], row: Int) throws {
        guard let first = series.first?.table, first.lastDataRow > first.firstDataRow else { return }
        let chart = try book.addChart(.line)
        for (table, index) in series {
            try chart.addSeries(name: table.headers[index], sheet: s.sheet.name, categories: table.labels(), values: table.values(index), dataLabels: false,
                                markers: true)
        }
        try chart.setTitle(text("prem_grafico_equipo"))
        try chart.setAxisNames(x: first.labelHeader, y: nil)
        try chart.setValueAxis(min: 0, max: 1, majorUnit: 0.25, numberFormat: "0%")
        try chart.setCategoryAxis(labelsLow: true)
        try chart.legendOnTop()
        try chart.showBlanksAsGaps()
        try s.place(chart, row: row, scale: (1.6, 1.2))
    }
}
