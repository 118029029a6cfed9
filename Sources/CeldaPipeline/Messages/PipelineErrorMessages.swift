import CeldaCore
import Foundation

extension PipelineError {
    /// One line: the file or folder, what is wrong, what to do.
    public func message(_ language: Language) -> String {
        let q = { (s: String) in Quote.text(s, language) }
        let f = { (s: String) in Quote.file(s, language) }
        let why = { (code: Int32) in SystemReason.text(code, language) }
        let es = language == .es
        switch self {
        case .noHeaderRow(let file, let sheet, let searched, let kinds):
            let names = kinds.joined(separator: ", ")
            return es
                ? "\(f(file)): no se encontró una fila de encabezados de una base conocida (\(names)) en las primeras \(searched) filas de la hoja \(q(sheet)). Revise que sea la base correcta"
                : "\(f(file)): no header row of a known base (\(names)) in the first \(searched) rows of sheet \(q(sheet)). Check it is the right base"
        case .missingFields(let file, let kind, let missing, let headerRow, let headers):
            let list = missing.map { m -> String in
                let closest = m.closestHeader.map { es ? "; el más parecido es \(q($0))" : "; the closest is \(q($0))" } ?? ""
                return q(m.field) + (es ? " (se esperaba un encabezado como \(q(m.alias))" : " (a header like \(q(m.alias)) was expected") + closest + ")"
            }.joined(separator: ", ")
            let seen = headers.map(q).joined(separator: ", ")
            return es
                ? "\(f(file)): parece una base \(kind) pero faltan campos obligatorios: \(list). Encabezados en la fila \(headerRow): \(seen). Agregue el alias en Templates/kinds.yaml o corrija el encabezado"
                : "\(f(file)): looks like a \(kind) base but required fields are missing: \(list). Headers on row \(headerRow): \(seen). Add the alias to Templates/kinds.yaml or fix the header"
        case .folderUnusable(let path, let code):
            return es
                ? "no se puede usar la carpeta \(q(path)) (\(why(code))). Elija una carpeta donde pueda escribir o créela"
                : "cannot use folder \(q(path)) (\(why(code))). Choose a folder you can write to, or create it"
        case .fileNotWritten(let path, let code):
            return es
                ? "no se pudo escribir \(q(path)) (\(why(code))). Revise que la carpeta exista y se pueda escribir"
                : "could not write \(q(path)) (\(why(code))). Check the folder exists and can be written"
        case .outputNotWritten(let path, let detail):
            return es
                ? "no se pudo escribir \(q(path)): \(detail.message(language)). Revise la carpeta de salida y el espacio en disco"
                : "could not write \(q(path)): \(detail.message(language)). Check the output folder and the free disk space"
        case .notAccepted(let file, let accepted, let entrada):
            let list = accepted.map { "." + $0 }.joined(separator: ", ")
            return es
                ? "\(f(file)): no es un archivo que Celda procese (se aceptan \(list)). Guárdelo como .xlsx o .csv y déjelo de nuevo en \(entrada)/"
                : "\(f(file)): not a file Celda processes (accepted: \(list)). Save it as .xlsx or .csv and drop it again in \(entrada)/"
        case .folderWatched(let folder, let pid):
            return es
                ? "\(q(folder)) ya está vigilada por otro celda watch (proceso \(pid)). Ciérrelo antes o use otra carpeta"
                : "\(q(folder)) is already watched by another celda watch (process \(pid)). Stop it first or use another folder"
        case .moveFailed(let file, let folder, let code):
            return es
                ? "no se pudo mover \(f(file)) a \(q(folder)) (\(why(code))). Revise los permisos de la carpeta"
                : "could not move \(f(file)) to \(q(folder)) (\(why(code))). Check the folder's permissions"
        case .standardOutputFailed:
            return es ? "no se pudo escribir la salida (¿se cerró la tubería o se llenó el disco?)" : "could not write the output (pipe closed or disk full?)"
        case .noStore:
            return es
                ? "no se indicó el historial. Use --store (p. ej. --store \"Mal escalados/.celda/celda.sqlite\", el de la carpeta que vigila celda watch) o CELDA_STORE"
                : "no history store given. Use --store (e.g. --store \"Mal escalados/.celda/celda.sqlite\", the one of the folder celda watch watches) or CELDA_STORE"
        case .storeNotFound(let path):
            return es
                ? "no existe el historial \(q(path)). Revise la ruta: el de celda watch está en <carpeta>/.celda/celda.sqlite"
                : "there is no history store at \(q(path)). Check the path: celda watch keeps it in <folder>/.celda/celda.sqlite"
        case .unitNotWritten(let path, let code):
            let root = code == EACCES || code == EPERM
            return es
                ? "no se pudo escribir la unidad \(q(path)) (\(why(code)))" + (root ? ". Instálela como root: sudo celda service … --install" : "")
                : "could not write the unit \(q(path)) (\(why(code)))" + (root ? ". Install it as root: sudo celda service … --install" : "")
        case .unitOfAnotherFolder(let path):
            return es
                ? "\(q(path)) ya es la unidad de otra carpeta con el mismo nombre; no se reemplaza. Cambie el nombre de una de las carpetas"
                : "\(q(path)) is already the unit of another folder with the same name; it is not replaced. Rename one of the folders"
        case .unitUnsafePath(let path):
            return es
                ? "\(q(path.replacingOccurrences(of: "\n", with: "␤"))) tiene un salto de línea u otro carácter de control, que una unidad systemd no admite. Cambie el nombre"
                : "\(q(path.replacingOccurrences(of: "\n", with: "␤"))) holds a line break or another control character, which a systemd unit cannot take. Rename it"
        case .systemctlFailed(let command, let output):
            return es ? "«\(command)» falló: \(output). La unidad quedó escrita; revise con «journalctl -u» y vuelva a intentar"
                      : "\"\(command)\" failed: \(output). The unit is written; check with \"journalctl -u\" and try again"
        case .unknownUser(let user):
            return es ? "este equipo no tiene el usuario \(q(user)). Créelo antes: sudo useradd --system --create-home \(user)"
                      : "this machine has no user \(q(user)). Create it first: sudo useradd --system --create-home \(user)"
        case .passwordInStoreURL(let shown, let file):
            return es
                ? "--store \(q(shown)) lleva la contraseña, y una unidad la puede leer cualquiera. Quítela de la URL y póngala como PGPASSWORD=… en \(q(file)) (modo 0600)"
                : "--store \(q(shown)) holds its password, and anyone can read a unit. Take it out of the URL and put it as PGPASSWORD=… in \(q(file)) (mode 0600)"
        case .notAWatchFolder(let path):
            return es
                ? "\(q(path)) no es una carpeta de celda watch (no tiene .celda/ ni entrada/). Revise la ruta, o empiece a vigilarla con celda watch"
                : "\(q(path)) is not a celda watch folder (it has no .celda/ nor entrada/). Check the path, or start watching it with celda watch"
        case .rowsOutOfOrder(let file, let rows):
            let list = rows.map(String.init).joined(separator: ", ")
            return es
                ? "\(f(file)): las filas \(list) aparecen después de filas posteriores y no se volcaron. Ábralo en Excel y guárdelo de nuevo"
                : "\(f(file)): rows \(list) come after later rows and were not dumped. Open it in Excel and save it again"
        }
    }
}
