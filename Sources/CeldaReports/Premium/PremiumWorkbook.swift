import CeldaCore
import XLSXWriter

/// *Informe Claro Premium <periodo>.xlsx* (DOMAIN.md §4 item 5, seed 001 §5): per backoffice
/// agent and for the operation (Total), the follow-ups due in the period with their
/// Efectividad, the escalated cases over 72 h, FCR with its SPC cases and repeats (and the
/// seed's complement), NPS with promoters, passives, detractors and surveys; the same by day
/// with line charts of NPS and FCR; the detail of cases and of surveys. Every figure is a
/// COUNTIFS over a detail sheet (or arithmetic on them) cached with `PremiumSummary`'s value.
public enum PremiumWorkbook {
    /// `team`: the *Equipo* sheet's indicators (ausentismo, rotación, calidad MEC) and their
    /// detail sheets; nil leaves them out.
    public static func write(_ summary: PremiumSummary, team: PremiumTeam? = nil, templates: Templates, language: Language, to path: String) throws {
        let text = ReportText(templates: templates, language: language, period: summary.period)
        let footer = text("prem_titulo") + " · " + text.periodLabel
        try ReportBook.write(to: path, title: footer) { book in
            // The summary first (the sheet a supervisor opens); the details it counts follow.
            let resumen = try SummarySheet.start(book, name: text("prem_hoja_resumen"), title: text("prem_titulo"),
                                                 subtitle: text.periodLabel + " · " + text("prem_al_dia") + " " + ReportText.dmy(summary.today))
            let porDia = try SummarySheet.start(book, name: text("prem_hoja_dias"), title: text("prem_titulo_dias"), subtitle: text.periodLabel)
            let equipo = try team.map { _ in
                (try SummarySheet.start(book, name: text("prem_hoja_equipo"), title: text("prem_titulo_equipo"), subtitle: text.periodLabel),
                 try SummarySheet.start(book, name: text("prem_hoja_equipo_semanas"), title: text("prem_titulo_equipo_semanas"), subtitle: text.periodLabel))
            }
            let cases = try PremiumCaseDetail.write(summary, into: book, text: text, footer: footer)
            let surveys = try PremiumSurveyDetail.write(summary, satisfaction: team?.satisfaction ?? [:], into: book, text: text, footer: footer)
            let sheets = PremiumSheets(summary: summary, text: text, cases: cases, surveys: surveys, settings: templates.premium)
            try sheets.resumen(resumen, footer: footer)
            try sheets.porDia(porDia, book: book, footer: footer)
            if let team, let equipo {
                let days = try PremiumTeamDetail.days(team.asistencia, into: book, text: text, footer: footer)
                let agents = try PremiumTeamDetail.agents(team.asistencia, into: book, text: text, footer: footer)
                let monitorings = try PremiumTeamDetail.monitorings(team.calidad, into: book, text: text, footer: footer)
                let sheet = PremiumTeamSheet(book: book, team: team, text: text, premium: templates.premium, days: days, agents: agents,
                                             monitorings: monitorings, surveys: surveys)
                try sheet.write(equipo.0, footer: footer)
                try sheet.writeWeeks(equipo.1, footer: footer)
            }
            try resumen.sheet.activate()
        }
    }
}

struct PremiumSheets {
    let summary: PremiumSummary
    let text: ReportText
    let cases: DetailSheet
    let surveys: DetailSheet
    let settings: PremiumSettings

    typealias C = PremiumCaseDetail.Column
    typealias S = PremiumSurveyDetail.Column

    /// The agent's condition on either detail sheet (none for the total).
    func agentRows(_ cached: (PremiumSummary.Figures) -> [Double]) -> (rows: [PremiumTable.Row], total: PremiumTable.Row) {
        let rows = summary.agents.map { agent in
            PremiumTable.Row(label: text.key(agent), condition: { detail in
                let column = detail.sheet.name == cases.sheet.name ? C.backoffice.rawValue : S.backoffice.rawValue
                return [.equals(column: column, text.key(agent))]
            }, cached: cached(summary.byAgent[agent] ?? PremiumSummary.Figures()))
        }
        return (rows, PremiumTable.Row(label: text("inf_total"), condition: { _ in [] }, cached: cached(summary.total)))
    }

    func resumen(_ s: SummarySheet, footer: String) throws {
        let yes = text.yes
        let due = SummaryTable.Criterion.equals(column: C.venceEnPeriodo.rawValue, yes)
        let exigible = SummaryTable.Criterion.equals(column: C.exigible.rawValue, yes)
        func seg(_ x: PremiumRules.Seguimiento) -> SummaryTable.Criterion { .equals(column: C.estadoSeguimiento.rawValue, text(x.labelKey)) }
        var top = SummarySheet.firstTableRow

        func table(caption: String, headers: [String], looks: [PremiumTable.Look], values: [PremiumTable.Value],
                   cached: @escaping (PremiumSummary.Figures) -> [Double]) throws {
            try s.sheet.write(.text(text(caption)), row: top, column: 0, format: ReportStyles.caption)
            let (rows, total) = agentRows(cached)
            let placed = try PremiumTable(labelHeader: text("prem_col_agente"), headers: headers.map { text($0) }, looks: looks, values: values,
                                          rows: rows, total: total).write(into: s.sheet, row: top + 1, column: 0, widths: s.widths)
            top = (placed.totalRow ?? placed.lastDataRow) + 3
        }
        try table(caption: "prem_tabla_seguimientos",
                  headers: ["prem_seg_vencen", "prem_seg_exigibles", "seg_cumplido", "seg_cumplidoTarde", "seg_vencido", "prem_seg_por_vencer",
                            "prem_efectividad"],
                  looks: [.integer, .integer, .integer, .integer, .integer, .integer, .percent],
                  values: [.count(cases, [due]), .count(cases, [exigible]), .count(cases, [exigible, seg(.cumplido)]),
                           .count(cases, [exigible, seg(.cumplidoTarde)]), .count(cases, [exigible, seg(.vencido)]), .rest(from: 0, minus: [1]),
                           .share(part: 2, whole: 1)],
                  cached: { f in [Double(f.enPeriodo), Double(f.due), Double(f.cumplidos), Double(f.cumplidosTarde), Double(f.vencidos),
                                  Double(f.porVencer), f.efectividad] })
        let opened = SummaryTable.Criterion.equals(column: C.ingresoEnPeriodo.rawValue, yes)
        try table(caption: "prem_tabla_72h",
                  headers: ["prem_escalados", "prem_mas_72h", "prem_pct_72h"],
                  looks: [.integer, .integer, .percent],
                  values: [.count(cases, [opened, .equals(column: C.escalado.rawValue, yes)]),
                           .count(cases, [opened, .equals(column: C.alarma.rawValue, yes)]), .share(part: 1, whole: 0)],
                  cached: { f in [Double(f.escalados), Double(f.over72), CaseCounting.share(f.over72, of: f.escalados)] })
        let spc = SummaryTable.Criterion.equals(column: C.spcPeriodo.rawValue, yes)
        try table(caption: "prem_tabla_fcr",
                  headers: ["prem_spc", "prem_repetidos", "prem_fcr", "prem_segunda"],
                  looks: [.integer, .integer, .percent, .percent],
                  values: [.count(cases, [spc]), .count(cases, [spc, .equals(column: C.repetido.rawValue, yes)]),
                           .complement(part: 1, whole: 0), .share(part: 1, whole: 0)],
                  cached: { f in [Double(f.spc), Double(f.repeats), f.fcr, f.repeatShare] })
        func band(_ b: NPSBand) -> SummaryTable.Criterion { .equals(column: S.clasificacion.rawValue, text(b.labelKey)) }
        try table(caption: "prem_tabla_nps",
                  headers: ["prem_encuestas", "nps_promotor", "nps_pasivo", "nps_detractor", "prem_nps"],
                  looks: [.integer, .integer, .integer, .integer, .points],
                  values: [.count(surveys, []), .count(surveys, [band(.promotor)]), .count(surveys, [band(.pasivo)]),
                           .count(surveys, [band(.detractor)]), .nps(promoters: 1, detractors: 3, total: 0)],
                  cached: { f in [Double(f.surveys), Double(f.promotores), Double(f.pasivos), Double(f.detractores), f.nps] })
        // Wrapped across the first table's width: one long line would set the printed width.
        try s.note(text("prem_nota")
                    .replacing("{horas}", with: String(Int(settings.alarma_horas)))
                    .replacing("{dias}", with: String(settings.fcr_ventana_dias))
                    .replacing("{promotor}", with: String(settings.nps_promotor_desde))
                    .replacing("{detractor}", with: String(settings.nps_detractor_hasta)),
                   row: top - 1, columns: 8)
        try s.finish(headerRow: SummarySheet.firstTableRow + 1, footer: footer, oneTable: false)
    }

    /// FCR and NPS of each day of the period, with line charts of both.
    func porDia(_ s: SummarySheet, book: Workbook, footer: String) throws {
        let yes = text.yes
        let rows = summary.days.map { day in
            let serial = String(day.dayNumber + CalendarDate.serialOf19700101)
            let f = summary.byDay[day] ?? PremiumSummary.Figures()
            return PremiumTable.Row(label: (day.day < 10 ? "0" : "") + "\(day.day)/" + (day.month < 10 ? "0" : "") + "\(day.month)",
                                    condition: { detail in
                                        [.equals(column: detail.sheet.name == cases.sheet.name ? C.diaIngreso.rawValue : S.dia.rawValue, serial)]
                                    },
                                    cached: [Double(f.spc), Double(f.repeats), f.fcr, Double(f.surveys), Double(f.promotores), Double(f.detractores), f.nps])
        }
        let t = summary.total
        let spc = SummaryTable.Criterion.equals(column: C.spcPeriodo.rawValue, yes)
        func band(_ b: NPSBand) -> SummaryTable.Criterion { .equals(column: S.clasificacion.rawValue, text(b.labelKey)) }
        var table = PremiumTable(labelHeader: text("prem_col_dia"),
                                 headers: ["prem_spc", "prem_repetidos", "prem_fcr", "prem_encuestas", "nps_promotor", "nps_detractor", "prem_nps"].map { text($0) },
                                 looks: [.integer, .integer, .percent, .integer, .integer, .integer, .points],
                                 values: [.count(cases, [spc]), .count(cases, [spc, .equals(column: C.repetido.rawValue, yes)]),
                                          .complement(part: 1, whole: 0), .count(surveys, []), .count(surveys, [band(.promotor)]),
                                          .count(surveys, [band(.detractor)]), .nps(promoters: 4, detractors: 5, total: 3)],
                                 rows: rows,
                                 total: .init(label: text("inf_total"), condition: { _ in [] },
                                              cached: [Double(t.spc), Double(t.repeats), t.fcr, Double(t.surveys), Double(t.promotores),
                                                       Double(t.detractores), t.nps]))
        // A day without an SPC case or a survey has no FCR or NPS: a gap in the line, never a 0.
        table.gaps = true
        let placed = try table.write(into: s.sheet, row: SummarySheet.firstTableRow, column: 0, widths: s.widths)
        try chart(s, book: book, title: text("prem_grafico_nps"), table: placed, index: 6, row: (placed.totalRow ?? placed.lastDataRow) + 3, column: 0,
                  nps: true)
        try chart(s, book: book, title: text("prem_grafico_fcr"), table: placed, index: 2, row: (placed.totalRow ?? placed.lastDataRow) + 23,
                  column: 0, nps: false)
        try s.finish(headerRow: SummarySheet.firstTableRow, footer: footer)
    }

    /// A line over the days: NPS on −100…100, FCR on 0…100 %, a gap where a day measured nothing,
    /// the values above the points and the days' labels under the plot (NPS goes below zero).
    private func chart(_ s: SummarySheet, book: Workbook, title: String, table: SummaryTable.Placement, index: Int, row: Int, column: Int,
                       nps: Bool) throws {
        let chart = try book.addChart(.line)
        try chart.addSeries(name: title, sheet: s.sheet.name, categories: table.labels(), values: table.values(index), dataLabels: true,
                            labelPlace: .above, labelFormat: nps ? "0.0" : "0%")
        try chart.setTitle(title)
        try chart.hideLegend()
        try chart.setAxisNames(x: table.labelHeader, y: table.headers[index])
        if nps {
            try chart.setValueAxis(min: -100, max: 100, majorUnit: 50, numberFormat: "0")
        } else {
            try chart.setValueAxis(min: 0, max: 1, majorUnit: 0.25, numberFormat: "0%")
        }
        try chart.setCategoryAxis(labelsLow: true)
        try chart.showBlanksAsGaps()
        try s.place(chart, row: row, scale: (1.8, 1.2))
    }
}
