import CeldaCore
import CeldaReports
import XLSXReader

/// A gestionado workbook coming back: what its metadata says, where Celda's columns start,
/// and what a person typed in them.
struct ReturningGestionado {
    let metadata: GestionadoMetadata
    /// Back-office column → the edit it holds, found by its header (in either language).
    let editColumns: [(column: Int, edit: WritableKeyPath<HumanEdits, String?>)]

    init(metadata: GestionadoMetadata, header: Row?, kind: any BaseKind, templates: Templates) {
        self.metadata = metadata
        var found: [(Int, WritableKeyPath<HumanEdits, String?>)] = []
        for cell in header?.cells ?? [] where cell.column >= metadata.backOfficeFirstColumn {
            guard case .text(let title) = cell.value else { continue }
            for column in kind.columns {
                guard let edit = column.edit, BackOfficeHeaders.matches(title, column: column, templates: templates) else { continue }
                found.append((cell.column, edit))
            }
        }
        editColumns = found
    }

    /// What the person typed in one row (below the header), nil when nothing.
    func edits(in row: Row) -> HumanEdits? {
        guard row.number > 1 else { return nil }
        var edits = HumanEdits()
        for (column, edit) in editColumns {
            guard let cell = row.cells.first(where: { $0.column == column }) else { continue }
            switch cell.value {
            case .text(let t): edits[keyPath: edit] = t
            // A day typed into a date column (Gestión Soporte's answer) reads as AAAA-MM-DD.
            case .date(let d):
                let c = d.components
                edits[keyPath: edit] = CalendarDate(year: c.year, month: c.month, day: c.day).description
            default: break
            }
        }
        return edits == HumanEdits() ? nil : edits
    }
}
