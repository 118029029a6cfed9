import CeldaCore
import CeldaPipeline
import CeldaTestSupport
import Foundation
import Testing
import XLSXReader

/// The processing use case called directly, as `celda process` and `celda watch` call it.
struct ProcessingTests {
    @Test func theOutputFolderIsCreatedLikeMkdirP() throws {
        let dir = try Repository.temporaryFolder("celda-pipeline")
        var generator = SampleGenerator(seed: 3)
        let files = try generator.write(into: dir + "/muestras", rows: 12)
        let out = dir + "/no/existe/aun"
        let processor = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: .es, outFolder: out)
        let summary = try processor.process(files[0])
        #expect(summary.output == out + "/Base Mal Escalados 22-03 - gestionado.xlsx")
        #expect(try Repository.names(out) == ["Base Mal Escalados 22-03 - gestionado.xlsx"])
        #expect(summary.rows == 12 && summary.kind == "mal-escalados")
    }

    @Test(arguments: [("archivo", ENOTDIR), ("sys", EPERM)])
    func anOutputFolderThatCannotBeMadeIsOneTypedError(_ case_: (String, Int32)) throws {
        let dir = try Repository.temporaryFolder("celda-pipeline")
        let blocker = dir + "/archivo"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let out = case_.0 == "archivo" ? blocker + "/salida" : "/sys/celda-salida-\(UUID().uuidString)"
        #expect(throws: PipelineError.folderUnusable(path: out, errno: case_.1)) { try OutputFolder.prepare(out) }
    }

    @Test func aVeryLongNameStillGetsItsOutput() throws {
        let dir = try Repository.temporaryFolder("celda-pipeline")
        let stem = "Base Mal Escalados " + String(repeating: "ñ", count: 110) + " " + String(repeating: "x", count: 5) // 245 bytes with the extension
        var generator = SampleGenerator(seed: 4)
        let sample = try generator.write(into: dir + "/muestras", rows: 5)[0]
        let input = dir + "/" + stem + ".xlsx"
        #expect(input.split(separator: "/").last!.utf8.count >= 240)
        try FileManager.default.moveItem(atPath: sample, toPath: input)
        let processor = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: .es, outFolder: dir + "/salida")
        let first = try processor.process(input)
        let second = try processor.process(input)
        for output in [first.output, second.output] {
            let name = (output as NSString).lastPathComponent
            #expect(name.utf8.count <= 255, "\(name.utf8.count) bytes")
            #expect(FileManager.default.fileExists(atPath: output))
        }
        #expect((first.output as NSString).lastPathComponent.hasSuffix("… - gestionado.xlsx"))
        #expect((second.output as NSString).lastPathComponent.hasSuffix("… - gestionado (2).xlsx"), "numbered, never overwritten")
        #expect(try Repository.names(dir + "/salida").count == 2)
    }

    @Test func aHeaderThatCombinesTwoAliasesIsTakenAndSaid() throws {
        let dir = try Repository.temporaryFolder("celda-pipeline")
        let path = dir + "/base.csv"
        try """
        Fecha;Cuenta;Asesor;Tipología / opción escalada;Notas
        22/03/2024;12345678;Ana Gómez;Internet lento;Cliente reporta lentitud, pruebas completas
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: .es, outFolder: dir).process(path)
        #expect(summary.kind == "mal-escalados")
        #expect(summary.guesses == ["Tipología / opción escalada": "opcion_escalada"])
        #expect(summary.line(.es).contains("encabezados adivinados: «Tipología / opción escalada» → opcion_escalada"))
    }

    @Test func aBaseWithoutItsRequiredFieldsIsATypedRefusal() throws {
        let dir = try Repository.temporaryFolder("celda-pipeline")
        let path = dir + "/base.csv"
        try "Fecha;Cuenta;Asesor;Notas\n22/03/2024;12345678;Ana;x\n".write(toFile: path, atomically: true, encoding: .utf8)
        let processor = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: .es, outFolder: dir)
        #expect { try processor.process(path) } throws: { error in
            guard case .missingFields(_, "mal-escalados", let missing, 1, let headers)? = error as? PipelineError else { return false }
            return missing.map(\.field) == ["opcion_escalada"] && headers == ["Fecha", "Cuenta", "Asesor", "Notas"]
        }
        #expect(try Repository.names(dir) == ["base.csv"], "nothing written for a refused base")
    }

    /// ME12 (proceso T&D errado) is a person's judgement: no row of a large, varied base gets it.
    @Test func me12IsNeverDecidedByTheRules() throws {
        let dir = try Repository.temporaryFolder("celda-pipeline")
        var generator = SampleGenerator(seed: 12)
        let files = try generator.write(into: dir, rows: 3_000)
        let summary = try BaseProcessor(templates: try templates(), today: CalendarDate(year: 2024, month: 3, day: 22), language: .es, outFolder: dir + "/salida").process(files[0])
        #expect(summary.causals["ME12"] == nil)
        #expect(summary.causals.count >= 8, "the sample spreads over the catalog: \(summary.causals)")
        let book = try cells(summary.output)
        let detectedColumn = try #require(book[1]?.first { $0.value == .text("Causales detectadas") }?.key)
        for (row, values) in book where row > 1 {
            if case .text(let codes)? = values[detectedColumn] { #expect(!codes.contains("ME12"), "row \(row): \(codes)") }
        }
    }
}
