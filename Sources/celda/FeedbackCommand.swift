import ArgumentParser
import CeldaCore
import CeldaPipeline
import Foundation

struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Compromisos de mejoramiento: una hoja para imprimir por asesor con errores.",
        discussion: """
        Lee el historial y escribe «Compromisos de mejoramiento <periodo>.xlsx» para la sesión de retroalimentación: una hoja Resumen con los asesores ordenados por errores (cada nombre lleva a su hoja) y una hoja por asesor con sus casos (fecha, cuenta, causal, evidencia, observación del back), los totales por causal frente al promedio del equipo, el procedimiento correcto de cada causal, renglones para los compromisos, el plan de mejora con fecha de seguimiento y las firmas del asesor, el supervisor y el back office. Cada hoja sale en carta, a una página de ancho, con número de página.

        Errores: los mal escalados que proceden y los errores de diligenciamiento del formulario tipificador. Los textos de los procedimientos están en Templates (causales-mal-escalados.yaml, compromisos.yaml).

        Ejemplo: celda feedback --period week --date 2024-03-22 --store "Mal escalados/.celda/celda.sqlite" --out informes
        """
    )

    @Option(name: .long, help: "week (lunes a domingo) o month.")
    var period: ReportPeriod.Length = .week

    @Option(name: .long, help: "Solo este asesor (sin tildes ni mayúsculas: basta una parte del nombre).")
    var asesor: String?

    @OptionGroup var history: HistoryOptions

    @OptionGroup var options: ReadOptions

    func validate() throws {
        if period == .day {
            throw usageError(es: "--period es week o month: la retroalimentación es semanal o mensual", en: "--period is week or month: feedback is weekly or monthly")
        }
        if let asesor, asesor.trimmingCharacters(in: .whitespaces).isEmpty {
            throw usageError(es: "--asesor no puede estar vacío", en: "--asesor cannot be empty")
        }
    }

    func run() throws {
        let templates = try TemplateFolder.load(explicit: options.templates)
        let span = history.period(period, templates: templates)
        let maker = FeedbackMaker(templates: templates, store: try StoreOpening.openExisting(explicit: history.store), language: options.lang, outFolder: history.out)
        let es = options.lang == .es
        switch try maker.make(period: span, today: history.today(templates), asesor: asesor) {
        case .written(let path, let advisors, let errors):
            func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) " + (n == 1 ? one : many) }
            Terminal.say(es ? "compromisos \(span.label): \(count(advisors, "asesor", "asesores")), \(count(errors, "error", "errores")) → \(path)"
                            : "commitments \(span.label): \(count(advisors, "advisor", "advisors")), \(count(errors, "error", "errors")) → \(path)")
        case .noErrors:
            let who = asesor.map { es ? " de «\($0)»" : " for \"\($0)\"" } ?? ""
            Terminal.say(es ? "compromisos \(span.label): no hay errores\(who) en el historial para ese periodo; no se escribió libro"
                            : "commitments \(span.label): no errors\(who) in the history for that period; no workbook written")
        }
    }
}
