import Testing
@testable import CeldaReports

/// A gestionado's row heights come from how many characters its long texts hold. They are
/// counted from the bytes when that is exact; the count must be Swift's `Character`s on any
/// text — accents, «ñ», combining marks, emoji, CJK, CR LF — and the lines the same.
struct TextLengthTests {
    static let texts = [
        "", "a", "cliente reporta falla", "Señal débil en el nodo — revisión técnica", "Bogotá, Medellín y Cúcuta",
        "e\u{301}", "cafe\u{301} con leche", "👍🏽 listo", "👨‍👩‍👧 familia", "中文测试", "línea\r\notra", "a\nb\n\nc",
        "\r", "\n", String(repeating: "palabra ", count: 40), String(repeating: "ñandú ", count: 30) + "\n" + String(repeating: "x", count: 70),
        "ǅ ȹ ʰ ˿", "\u{2FF}\u{300}", "Ŧest ĳ",
    ]

    @Test func charactersAreSwiftsCharacters() {
        for t in Self.texts {
            #expect(TextLength.characters(t) == t.count, "\(t.debugDescription)")
            #expect(TextLength.characters(t[...]) == t.count, "\(t.debugDescription)")
        }
    }

    @Test func linesAreCountedAsEachLineIsLong() {
        for t in Self.texts {
            for width in [8.0, 14.5, 50.0] {
                let perLine = max(1, Int(width * 1.05) - 2)
                let expected = t.split(separator: "\n", omittingEmptySubsequences: false).map { max(1, ($0.count + perLine - 1) / perLine) }.reduce(0, +)
                #expect(ContentWidths.lines(t, width: width) == expected, "\(t.debugDescription) at \(width)")
            }
        }
    }
}
