import CeldaTestSupport
import Foundation
import Testing

/// `celda inspect` telling what base a file is, as an agent would check before processing it.
struct InspectDetectionTests {
    private func inline(_ row: Int, _ texts: [String]) -> String {
        "<row r=\"\(row)\">" + texts.enumerated().map { i, t in
            "<c r=\"\(String(UnicodeScalar(UInt8(65 + i))))\(row)\" t=\"inlineStr\"><is><t>\(xmlEscape(t))</t></is></c>"
        }.joined() + "</row>"
    }

    private func json(_ run: CeldaRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func titleRowsAndHeaderSynonyms() throws {
        let rows = inline(1, ["BASE MAL ESCALADOS 22-03"]) + inline(3, ["FECHA REGISTRO", "Numero de Cuenta", "Agente", "Opcion escalada", "Duracion T&D (min)", "Observación interna"])
            + inline(4, ["22/03/2024", "0012345", "Ana", "Internet lento", "1,5", "x"])
        let path = try WorkbookFixture.single(rows).write("Base 22-03.xlsx")
        let run = try Celda.run(["inspect", path, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let detection = try #require(try json(run)["detection"] as? [String: Any])
        #expect(detection["kind"] as? String == "mal-escalados")
        #expect(detection["headerRow"] as? Int == 3)
        #expect(detection["columns"] as? [String: String] == ["fecha": "A", "cuenta": "B", "asesor": "C", "opcion_escalada": "D", "duracion_td_min": "E"])
        #expect(detection["unknownColumns"] as? [String: String] == ["F": "Observación interna"])
        #expect(detection["titleRows"] as? [String] == ["BASE MAL ESCALADOS 22-03"])

        let text = try Celda.run(["inspect", path])
        #expect(text.stdout.contains("encabezados en la fila 3"))
        #expect(text.stdout.contains("Columnas sin campo (se conservan tal cual): F «Observación interna»"))
    }

    @Test func aMissingRequiredFieldIsNamed() throws {
        let path = try WorkbookFixture.single(inline(1, ["Fecha", "Cuenta", "Asesor", "Tipo de escalado"])).write()
        let run = try Celda.run(["inspect", path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Falta el campo obligatorio «opcion_escalada»; el encabezado más parecido es «Tipo de escalado»"), "\(run.stdout)")
    }

    @Test func aBrokenTemplateFolderIsOneClearLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plantillas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates")
        for file in try FileManager.default.contentsOfDirectory(atPath: shipped.path) {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        try "estados: [Pendiente]\nprocede: [Procede]\n".write(to: folder.appendingPathComponent("estados.yaml"), atomically: true, encoding: .utf8)
        let run = try Celda.run(["inspect", corpus("calamine/date.xlsx"), "--templates", folder.path])
        #expect(run.status == 1)
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.contains("estados.yaml") && run.stderr.contains("estados_mal_escalados"), "\(run.stderr)")
    }
}
