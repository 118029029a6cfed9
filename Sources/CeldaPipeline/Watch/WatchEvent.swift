import CeldaCore

/// What the watcher tells the person, one line per file.
public enum WatchEvent: Equatable, Sendable {
    case processed(ProcessSummary, original: String)
    /// `at`: the day it was processed as of; `station`: where.
    case duplicate(file: String, sameAs: String, at: String, station: String, original: String)
    /// The history store could not be reached: the file is back in entrada/ (`keptAt`) and the
    /// watcher tries again in `retryIn` seconds, then waits longer each time. Said once an outage.
    case storeUnavailable(file: String, reason: String, keptAt: String, retryIn: Double)
    /// The store answers again after an outage.
    case storeBack
    /// `note` is the .error.txt with the reason, nil when even that could not be written.
    case failed(file: String, reason: String, keptAt: String, note: String?)
    /// A file found in procesando/ after an interruption, whose output was already written.
    case alreadyDone(file: String, original: String)
    /// A file found in procesando/ after an interruption, put back in entrada/ to be done again.
    case resumed(file: String)
    /// The day's report of a kind, made again after a batch.
    case reportRefreshed(report: String, path: String, cases: Int)
    case reportFailed(report: String, reason: String)
    /// The first batch of a week wrote the compromisos of the week before.
    case compromisosWritten(week: String, path: String, advisors: Int)
    /// A message's bases were saved into entrada/ (`known`: files taken before from another
    /// message, not saved again) and the message moved to `movedTo`.
    case mailTaken(subject: String, sender: String, saved: [String], known: [String], movedTo: String)
    /// A message that passed the filters carries no .xlsx or .csv: left in place, flagged.
    case mailWithoutFile(subject: String, sender: String, attached: [String])
    /// Files of a message taken before an interruption, put into entrada/ on the next look.
    case mailResumed(saved: [String])
    /// A mail server cannot be used; tried again in `retryIn` s, then less often. Said once an outage.
    case mailUnavailable(server: String, reason: String, retryIn: Double)
    case mailBack(server: String)
    /// The daily purge of `retencion_meses` (Templates/workflow.yaml) ran.
    case retentionApplied(months: Int, before: String, summary: String)
    /// A report mailed; `replaces`: when the version it corrects was sent.
    case reportMailed(report: String, file: String, to: [String], replaces: String?)

    public func line(_ language: Language) -> String {
        let es = language == .es
        let q = { (s: String) in Quote.text(s, language) }
        switch self {
        case .processed(let summary, let original):
            return summary.line(language) + (es ? "; original en " : "; original in ") + original
        case .duplicate(let file, let sameAs, let at, let station, let original):
            return es
                ? "\(q(file)): mismo contenido que \(q(sameAs)) (\(at), ya procesado en \(station)); no se cuenta dos veces. Original en \(original)"
                : "\(q(file)): same content as \(q(sameAs)) (\(at), already processed at \(station)); not counted twice. Original in \(original)"
        case .storeUnavailable(let file, let reason, let keptAt, let retryIn):
            let seconds = String(Int(retryIn.rounded()))
            return es
                ? "\(q(file)): se deja para después: \(reason). Espera en \(keptAt); se reintenta en \(seconds) s y luego cada vez más espaciado"
                : "\(q(file)): left for later: \(reason). It waits in \(keptAt); retried in \(seconds) s, then less and less often"
        case .storeBack:
            return es ? "el historial responde de nuevo; se siguen procesando los archivos" : "the history answers again; processing resumes"
        case .failed(let file, let reason, let keptAt, let note):
            let where_ = note.map { es ? " con el motivo en \(q($0))" : " with the reason in \(q($0))" } ?? ""
            return es
                ? "\(q(file)): no se pudo procesar: \(reason). Está en \(keptAt)\(where_)"
                : "\(q(file)): could not be processed: \(reason). It is in \(keptAt)\(where_)"
        case .alreadyDone(let file, let original):
            return es
                ? "\(q(file)): ya se había procesado antes de la interrupción; original en \(original)"
                : "\(q(file)): already processed before the interruption; original in \(original)"
        case .reportRefreshed(let report, let path, let cases):
            return es ? "informe \(report) del día: \(cases) casos → \(path)" : "day's \(report) report: \(cases) cases → \(path)"
        case .reportFailed(let report, let reason):
            return es ? "no se pudo escribir el informe \(report) del día: \(reason)" : "could not write the day's \(report) report: \(reason)"
        case .compromisosWritten(let week, let path, let advisors):
            return es ? "compromisos de mejoramiento de la \(week): \(advisors) asesores → \(path)"
                      : "improvement commitments of the \(week): \(advisors) advisors → \(path)"
        case .mailTaken(let subject, let sender, let saved, let known, let movedTo):
            let files = saved.map(q).joined(separator: ", ")
            let again = known.isEmpty ? "" : (es ? "; ya tomados de otro mensaje, no se guardan otra vez: " : "; taken from another message before, not saved again: ")
                + known.map(q).joined(separator: ", ")
            return es
                ? "correo \(q(subject)) de \(sender): \(saved.count) archivo(s) a entrada/ (\(files))\(again); el mensaje pasa a \(q(movedTo))"
                : "mail \(q(subject)) from \(sender): \(saved.count) file(s) into entrada/ (\(files))\(again); the message goes to \(q(movedTo))"
        case .mailWithoutFile(let subject, let sender, let attached):
            let has = attached.isEmpty ? (es ? "no trae adjuntos" : "has no attachments") : (es ? "solo trae " : "only has ") + attached.map(q).joined(separator: ", ")
            return es
                ? "correo \(q(subject)) de \(sender): \(has), ningún .xlsx ni .csv. Se deja en el buzón, marcado con bandera; pida la base al remitente"
                : "mail \(q(subject)) from \(sender): \(has), no .xlsx or .csv. It is left in the mailbox, flagged; ask the sender for the base"
        case .mailResumed(let saved):
            return es ? "se retoman \(saved.count) archivo(s) de un correo tomado antes de la interrupción: \(saved.map(q).joined(separator: ", "))"
                      : "\(saved.count) file(s) of a mail taken before the interruption resumed: \(saved.map(q).joined(separator: ", "))"
        case .mailUnavailable(_, let reason, let retryIn):
            let seconds = String(Int(retryIn.rounded()))
            return es ? "correo: \(reason). Nada se pierde; se reintenta en \(seconds) s y luego cada vez más espaciado"
                      : "mail: \(reason). Nothing is lost; retried in \(seconds) s, then less and less often"
        case .mailBack(let server):
            return es ? "correo: \(server) responde de nuevo" : "mail: \(server) answers again"
        case .reportMailed(let report, let file, let to, let replaces):
            let note = replaces.map { es ? " (reemplaza al enviado el \($0))" : " (replaces the one sent on \($0))" } ?? ""
            return es ? "informe \(report) enviado a \(to.joined(separator: ", ")): \(q(file))\(note)"
                      : "\(report) report mailed to \(to.joined(separator: ", ")): \(q(file))\(note)"
        case .retentionApplied(let months, let before, let summary):
            return es ? "retención de \(months) meses: se borró del historial lo anterior al \(before): \(summary)"
                      : "\(months)-month retention: the history before \(before) was purged: \(summary)"
        case .resumed(let file):
            return es ? "\(q(file)): se retoma (quedó a medias por una interrupción)" : "\(q(file)): resumed (an interruption left it half done)"
        }
    }
}
