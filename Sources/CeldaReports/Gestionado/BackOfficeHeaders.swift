import CeldaCore
import XLSXReader

/// The headers of a gestionado's back-office columns: each column's label, or — when the base
/// itself has a column of that name (a form export's own «Área de escalamiento», the CRM's
/// «Estado») — the label with «(back)» after it, so no two columns of the sheet read the same
/// and a filter or a lookup by header finds one column.
public enum BackOfficeHeaders {
    /// The label key of what is added to a header that the base already uses.
    public static let suffixKey = "col_sufijo_back"

    public static func headers(kind: any BaseKind, baseHeader: Row, label: (String) -> String) -> [String] {
        var taken = Set(baseHeader.cells.compactMap { cell -> String? in
            if case .text(let t) = cell.value { return HeaderMatcher.normalise(t) }
            return nil
        })
        return kind.columns.map { column in
            var title = label(column.key)
            if taken.contains(HeaderMatcher.normalise(title)) { title += label(suffixKey) }
            taken.insert(HeaderMatcher.normalise(title))
            return title
        }
    }

    /// Whether a header of a returning gestionado is `column`'s, in any language, with or
    /// without the suffix.
    public static func matches(_ title: String, column: BackOfficeColumn, templates: Templates) -> Bool {
        Language.allCases.contains { language in
            let label = templates.label(column.key, language)
            return title == label || title == label + templates.label(suffixKey, language)
        }
    }
}
