import XLSXWriter

/// The looks of the compromiso form, built on the reports' own (`ReportStyles`).
enum FeedbackStyles {
    static let title: CellFormat = {
        var f = ReportStyles.title
        f.fontSize = 16
        f.horizontal = .center
        f.vertical = .center
        return f
    }()
    /// A field's name in the header block, a causal above its procedure, a signature caption.
    static let label: CellFormat = {
        var f = CellFormat()
        f.bold = true
        f.vertical = .top
        f.wrap = true
        return f
    }()
    /// A field's value in the header block: underlined by its box, as on a paper form.
    static let value: CellFormat = {
        var f = ReportStyles.cell
        f.vertical = .top
        f.wrap = true
        return f
    }()
    static let wrapCell: CellFormat = {
        var f = ReportStyles.cell
        f.wrap = true
        f.vertical = .top
        return f
    }()
    static let dateCell: CellFormat = {
        var f = ReportStyles.cell
        f.numberFormat = "dd/mm/yyyy"
        f.vertical = .top
        f.horizontal = .left
        return f
    }()
    /// The team's average: cases per advisor, one decimal.
    static let average: CellFormat = {
        var f = ReportStyles.cell
        f.numberFormat = "0.0"
        return f
    }()
    static let paragraph: CellFormat = {
        var f = CellFormat()
        f.wrap = true
        f.vertical = .top
        f.indent = 1
        return f
    }()
    static let note: CellFormat = {
        var f = ReportStyles.subtitle
        f.wrap = true
        f.vertical = .top
        return f
    }()
    /// A blank line to write a commitment on.
    static let writingLine: CellFormat = {
        var f = CellFormat()
        f.border = .hair
        f.borderColor = 0x808080
        return f
    }()
    static let signatureCell: CellFormat = {
        var f = ReportStyles.cell
        f.vertical = .bottom
        f.horizontal = .center
        f.wrap = true
        return f
    }()
    static let blank = CellFormat()
    /// Numbers beside a label that may wrap: on its first line.
    static func top(_ f: CellFormat) -> CellFormat {
        var f = f
        f.vertical = .top
        return f
    }
    static let link: CellFormat = {
        var f = ReportStyles.cell
        f.fontColor = 0x0563C1
        f.underline = true
        return f
    }()
}
