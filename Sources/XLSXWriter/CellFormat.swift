import CXLSXWriter

/// A `CellFormat` already turned into the workbook's format, from `Workbook.style(_:)`.
/// It is only valid with the workbook that made it (checked on every write): `owner` is that
/// workbook's serial, never reused in the process, unlike its address (`ObjectIdentifier`),
/// which a later workbook may get once the first is freed.
public struct CellStyle: Sendable {
    let owner: UInt64
    nonisolated(unsafe) let pointer: UnsafeMutablePointer<lxw_format>?
}

/// How a cell looks, as a value: two equal formats are one `lxw_format` in the file (the
/// workbook caches them), so code can say what it wants per cell without creating thousands.
public struct CellFormat: Hashable, Sendable {
    public enum HorizontalAlignment: Hashable, Sendable { case general, left, center, right, fill, justify, centerAcross }
    public enum VerticalAlignment: Hashable, Sendable { case top, center, bottom, justify }
    public enum Border: Hashable, Sendable { case none, thin, medium, thick, dashed, dotted, double, hair }

    public var fontName: String?
    public var fontSize: Double?
    public var bold = false
    public var italic = false
    public var underline = false
    /// RGB as 0xRRGGBB.
    public var fontColor: UInt32?
    public var fillColor: UInt32?
    public var border: Border = .none
    public var borderColor: UInt32?
    public var horizontal: HorizontalAlignment = .general
    public var vertical: VerticalAlignment?
    public var wrap = false
    public var indent: Int = 0
    public var rotation: Int = 0
    /// An Excel number format code, e.g. `dd/mm/yyyy`, `0.0%`, `#,##0`.
    public var numberFormat: String?
    public var locked = true
    public var hidden = false

    public init() {}

    public static let `default` = CellFormat()

    public static func numberFormat(_ code: String) -> CellFormat {
        var f = CellFormat()
        f.numberFormat = code
        return f
    }

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if let fontName { format_set_font_name(format, fontName) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let fontColor { format_set_font_color(format, lxw_color_t(fontColor)) }
        if let fillColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(fillColor))
        }
        if border != .none { format_set_border(format, border.lxw) }
        if let borderColor { format_set_border_color(format, lxw_color_t(borderColor)) }
        switch horizontal {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case .fill: format_set_align(format, UInt8(LXW_ALIGN_FILL.rawValue))
        case .justify: format_set_align(format, UInt8(LXW_ALIGN_JUSTIFY.rawValue))
        case .centerAcross: format_set_align(format, UInt8(LXW_ALIGN_CENTER_ACROSS.rawValue))
        }
        switch vertical {
        case nil: break
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        case .justify: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_JUSTIFY.rawValue))
        }
        if wrap { format_set_text_wrap(format) }
        if indent > 0 { format_set_indent(format, UInt8(clamping: indent)) }
        if rotation != 0 { format_set_rotation(format, Int16(clamping: rotation)) }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if !locked { format_set_unlocked(format) }
        if hidden { format_set_hidden(format) }
    }
}

extension CellFormat.Border {
    var lxw: UInt8 {
        switch self {
        case .none: return UInt8(LXW_BORDER_NONE.rawValue)
        case .thin: return UInt8(LXW_BORDER_THIN.rawValue)
        case .medium: return UInt8(LXW_BORDER_MEDIUM.rawValue)
        case .thick: return UInt8(LXW_BORDER_THICK.rawValue)
        case .dashed: return UInt8(LXW_BORDER_DASHED.rawValue)
        case .dotted: return UInt8(LXW_BORDER_DOTTED.rawValue)
        case .double: return UInt8(LXW_BORDER_DOUBLE.rawValue)
        case .hair: return UInt8(LXW_BORDER_HAIR.rawValue)
        }
    }
}
