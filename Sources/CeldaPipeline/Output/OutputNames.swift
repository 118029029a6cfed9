import Foundation

/// Names of what Celda writes: never over an existing file (it may hold a person's edits), and
/// always short enough for the file system (255 bytes a name), by shortening the stem and
/// keeping the suffix that says what the file is.
public enum OutputNames {
    /// The longest file name, in UTF-8 bytes, on the file systems a back office uses.
    public static let maxNameBytes = 255

    /// `<folder>/<stem><suffix>`, or `<stem><suffix minus extension> (2).<ext>` … when taken.
    /// `suffix` includes the extension: " - gestionado.xlsx".
    public static func unused(folder: String, stem: String, suffix: String) -> String {
        let ext = (suffix as NSString).pathExtension
        let base = ext.isEmpty ? suffix : String(suffix.dropLast(ext.count + 1))
        let dot = ext.isEmpty ? "" : "." + ext
        var n = 1
        while true {
            let number = n == 1 ? "" : " (\(n))"
            let name = fitted(stem: stem, tail: base + number + dot)
            let candidate = (folder as NSString).appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: candidate) { return candidate }
            n += 1
        }
    }

    /// `stem + tail`, the stem cut (at a character boundary, trailing spaces dropped, "…" added)
    /// so the whole fits `maxNameBytes`.
    public static func fitted(stem: String, tail: String) -> String {
        if stem.utf8.count + tail.utf8.count <= maxNameBytes { return stem + tail }
        let ellipsis = "…"
        let room = maxNameBytes - tail.utf8.count - ellipsis.utf8.count
        var cut = ""
        for character in stem {
            if cut.utf8.count + String(character).utf8.count > room { break }
            cut.append(character)
        }
        return cut.trimmingCharacters(in: .whitespaces) + ellipsis + tail
    }
}
