import CeldaCore
import CeldaStore

extension StoreError {
    public func message(_ language: Language) -> String {
        let es = language == .es
        let q = { (s: String) in Quote.text(s, language) }
        switch self {
        case .locked(let path):
            return es
                ? "el historial \(q(path)) está bloqueado por otro programa. Espere a que termine (otro celda, una copia de seguridad) y vuelva a intentar"
                : "the history \(q(path)) is locked by another program. Wait for it to finish (another celda, a backup) and try again"
        case .corrupt(let path, let message):
            return es
                ? "el historial \(q(path)) no es una base de datos de Celda o está dañado (\(message)). Restaure una copia o indique otro con --store"
                : "the history \(q(path)) is not a Celda database or is damaged (\(message)). Restore a backup or give another with --store"
        case .newerVersion(let path, let unknown):
            return es
                ? "el historial \(q(path)) lo escribió una versión más nueva de Celda (\(unknown.joined(separator: ", "))). Actualice Celda"
                : "the history \(q(path)) was written by a newer Celda (\(unknown.joined(separator: ", "))). Update Celda"
        case .sqlite(let path, let code, let message):
            return es
                ? "no se pudo usar el historial \(q(path)) (SQLite \(code): \(message)). Revise el disco y los permisos"
                : "could not use the history \(q(path)) (SQLite \(code): \(message)). Check the disk and permissions"
        case .unreachable(let location, let message):
            return es
                ? "no se pudo conectar con el historial \(q(location)) (\(message)). Revise que el servidor PostgreSQL esté encendido y la red, y vuelva a intentar"
                : "could not reach the history \(q(location)) (\(message)). Check the PostgreSQL server is up and the network, and try again"
        case .postgres(let location, let state, let message):
            return es
                ? "el servidor del historial \(q(location)) rechazó la operación (PostgreSQL \(state): \(message)). Consulte al administrador de la base de datos"
                : "the history server \(q(location)) refused the operation (PostgreSQL \(state): \(message)). Ask the database administrator"
        case .badValue(let location, let table, let rowID, let column, let expected, let found):
            let place = es ? "en \(table), fila con id \(rowID), columna \(column)" : "in \(table), row with id \(rowID), column \(column)"
            let must: String
            switch expected {
            case .date: must = es ? "una fecha AAAA-MM-DD" : "a date YYYY-MM-DD"
            case .integer: must = es ? "un número entero" : "a whole number"
            case .text: must = es ? "un texto" : "a text"
            }
            // What is there, on one line and short: a message is one line, whatever was stored.
            let what = found.map { value in
                let shown = String(value.prefix(40).map { $0.isNewline || $0 == "\t" ? " " : $0 })
                return es ? "el valor \(q(shown)), que no es \(must)" : "the value \(q(shown)), which is not \(must)"
            } ?? (es ? "nada donde debe haber \(must)" : "nothing where there must be \(must)")
            return es
                ? "el historial \(q(location)) tiene \(place) \(what). Corrija esa fila o restaure una copia del historial"
                : "the history \(q(location)) holds \(place) \(what). Correct that row or restore a backup of the history"
        }
    }
}
