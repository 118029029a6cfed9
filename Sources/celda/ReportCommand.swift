import ArgumentParser
import CeldaCore
import CeldaPipeline
import Foundation

extension ReportKind: ExpressibleByArgument {}
extension ReportPeriod.Length: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Informes consolidados del historial: mal escalados, reclamaciones, recurrentes, Claro Premium.",
        discussion: """
        Lee el historial (el de celda watch está en <carpeta>/.celda/celda.sqlite) y escribe el informe del periodo: el día, la semana de lunes a domingo que contiene la fecha, o el mes.

        mal-escalados: «Consolidado mal escalado soporte <periodo>.xlsx» con el detalle, el resumen por causal, asesor × causal, los 5 asesores con más casos, los indicadores y las reclamaciones. reclamaciones: el formulario de los casos que no proceden, para Gestión Soporte. recurrentes: «Informe recurrentes y reincidentes <periodo>.xlsx». premium: «Informe Claro Premium <periodo>.xlsx» por backoffice y total: seguimientos que vencen, cumplidos, vencidos y Efectividad; casos de más de 72 h; FCR; NPS; FCR y NPS por día con gráficos (con los casos de los exportes del CRM y las encuestas procesados con --store); la hoja «Equipo»: ausentismo y rotación por supervisor, calidad MEC por backoffice (calidad emitida de los monitoreos, calidad percibida de la encuesta) frente a la meta, y cada uno por semana (con las exportaciones de asistencia de Almabi y de monitoreos procesadas con --store; un periodo sin esos datos lo dice, nunca un 0 %).

        Un periodo pasado se juzga como quedó: al primero entre --today, el último día del periodo y el último día procesado (alarmas, vencimientos y días hábiles no siguen contando después). --para-cliente (recurrentes) escribe el informe semanal para el cliente, sin el top 5 interno.

        Las cifras de los resúmenes son fórmulas sobre la hoja de detalle con su valor ya calculado: siguen bien si se edita el detalle. Un periodo sin casos se informa en una línea y no escribe libro.

        mal-escalados y recurrentes llevan además la hoja «Tabla dinámica»: una tabla dinámica nativa sobre todo el detalle (causal en filas, casos en valores, filtros por asesor, supervisor o área, y fecha) que Excel actualiza al abrir el libro; --sin-tabla-dinamica la deja fuera.

        Ejemplo: celda report mal-escalados --period week --date 2024-03-22 --store "Mal escalados/.celda/celda.sqlite" --out informes
        """
    )

    @Argument(help: "mal-escalados, reclamaciones, recurrentes o premium.")
    var report: ReportKind

    @Option(name: .long, help: "day, week o month.")
    var period: ReportPeriod.Length = .day

    @Flag(name: .customLong("sin-tabla-dinamica"), help: "Sin la hoja «Tabla dinámica» (la tabla dinámica nativa sobre el detalle).")
    var sinTablaDinamica = false

    @Flag(name: .customLong("para-cliente"), help: "recurrentes: el informe semanal para el cliente (con las alarmas), sin el top 5 interno de asesores ni los errores de diligenciamiento, en un libro aparte.")
    var paraCliente = false

    @OptionGroup var history: HistoryOptions

    @OptionGroup var options: ReadOptions

    func validate() throws {
        if paraCliente && report != .recurrentes {
            throw usageError(es: "--para-cliente es del informe recurrentes", en: "--para-cliente belongs to the recurrentes report")
        }
    }

    func run() throws {
        let templates = try TemplateFolder.load(explicit: options.templates)
        let maker = ReportMaker(templates: templates, store: try StoreOpening.openExisting(explicit: history.store), language: options.lang, outFolder: history.out,
                                pivotTable: !sinTablaDinamica)
        let span = history.period(period, templates: templates)
        switch try maker.make(report, period: span, today: history.today(templates), forClient: paraCliente) {
        case .written(let path, let cases):
            Terminal.say(options.lang == .es ? "\(report.rawValue) \(span.label): \(cases) casos → \(path)" : "\(report.rawValue) \(span.label): \(cases) cases → \(path)")
        case .noData:
            Terminal.say(options.lang == .es ? "\(report.rawValue) \(span.label): no hay casos en el historial para ese periodo; no se escribió informe"
                                             : "\(report.rawValue) \(span.label): no cases in the history for that period; no report written")
        }
    }
}
