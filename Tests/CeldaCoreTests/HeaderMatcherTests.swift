import Testing
@testable import CeldaCore
import XLSXReader

struct HeaderMatcherTests {
    private func row(_ number: Int, _ texts: [String?]) -> Row {
        Row(number: number, cells: texts.enumerated().compactMap { i, t in t.map { Cell(column: i, value: .text($0)) } })
    }

    private let matcher: HeaderMatcher = { HeaderMatcher(templates: try! repositoryTemplates()) }()

    @Test func normalisationIgnoresAccentsCasePunctuationAndSpacing() {
        #expect(HeaderMatcher.normalise("  NÚMERO   de  Cuenta ") == "numero de cuenta")
        #expect(HeaderMatcher.normalise("No. cuenta") == "no cuenta")
        #expect(HeaderMatcher.normalise("Duración T&D (min)") == "duracion t d min")
        #expect(HeaderMatcher.normalise("Síntoma") == HeaderMatcher.normalise("sintoma"))
    }

    @Test func titleRowsAboveTheHeaderAreSkippedAndKept() throws {
        let rows = [
            row(1, ["BASE MAL ESCALADOS 22/03/2024"]),
            row(2, ["Gestión Soporte - Diagnosticador"]),
            row(4, ["FECHA ESCALAMIENTO", "No. Cuenta", "Nombre Asesor", "TIPOLOGIA", "Sintoma", "Columna extra"]),
            row(5, ["22/03/2024", "12345678", "Ana", "Internet lento", "x", "y"]),
        ]
        let m = try #require(matcher.match(rows: rows))
        #expect(m.kind == "mal-escalados")
        #expect(m.headerRow == 4)
        #expect(m.columns["fecha"] == 0)
        #expect(m.columns["cuenta"] == 1)
        #expect(m.columns["asesor"] == 2)
        #expect(m.columns["opcion_escalada"] == 3)
        #expect(m.columns["sintoma"] == 4)
        #expect(m.unknown == [HeaderMatcher.Column(column: 5, header: "Columna extra")], "unknown columns pass through")
        #expect(m.missing.isEmpty)
        #expect(m.titleRows == ["BASE MAL ESCALADOS 22/03/2024", "Gestión Soporte - Diagnosticador"])
    }

    @Test func theTipificadorIsToldFromTheMalEscalados() throws {
        let rows = [row(1, ["Marca temporal", "Nombre del asesor", "Cuenta", "Motivo de la comunicación", "Causal"])]
        let m = try #require(matcher.match(rows: rows))
        #expect(m.kind == "tipificador")
        #expect(m.columns == ["marca_temporal": 0, "asesor_front": 1, "cuenta": 2, "motivo": 3, "causal": 4])
    }

    @Test func aCloseSpellingIsTakenAndSaid() throws {
        let rows = [row(1, ["Fecha escalamento", "Cuenta", "Asesor", "Tipologia"])]
        let m = try #require(matcher.match(rows: rows))
        #expect(m.columns["fecha"] == 0)
        #expect(m.guesses == [HeaderMatcher.Guess(field: "fecha", header: "Fecha escalamento", alias: "Fecha escalamiento")])
    }

    @Test func aMissingRequiredFieldIsNamedWithTheClosestHeader() throws {
        let rows = [row(1, ["Fecha", "Cuenta", "Asesor", "Tipo de escalado"])]
        let m = try #require(matcher.match(rows: rows))
        #expect(m.kind == "mal-escalados")
        #expect(m.missing.map(\.field) == ["opcion_escalada"])
        #expect(m.missing.first?.closestHeader == "Tipo de escalado")
        #expect(!m.isComplete)
    }

    @Test func rowsWithoutHeadersGiveNoMapping() {
        #expect(matcher.match(rows: [row(1, ["a", "b", "c"]), row(2, ["1", "2"])]) == nil)
    }

    @Test func similarity() {
        #expect(HeaderMatcher.similarity("fecha", "fecha") == 1)
        #expect(HeaderMatcher.similarity("fecha escalamento", "fecha escalamiento") > 0.9)
        #expect(HeaderMatcher.similarity("cuenta", "notas") < 0.5)
    }
}
