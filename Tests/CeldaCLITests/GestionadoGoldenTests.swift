import CeldaTestSupport
import Foundation
import Testing

/// The gestionados of 3,000-row bases of every shape `Benchmarks/run_process.sh` measures (one
/// of 9,000, past two of the passes' 4,096-row batches), and of the samples' other kinds, hold
/// the same cells — value and type, every sheet — laid out alike (row heights, cell styles) as Celda
/// wrote before the processing path was made faster (issue 25): typing once, preparing rows on
/// the deciding threads and a worker behind the reader must change how fast, never what.
/// The expected digests (`Tests/Support/golden/gestionados-3000.txt`) were made by celda at
/// cdcf182. A change meant to change a gestionado makes them again, after looking at the cells:
///
///     CELDA_GOLDEN_OUT=/tmp/golden.txt swift test --filter GestionadoGoldenTests   # then compare and copy
@Suite struct GestionadoGoldenTests {
    /// generate_base.py options of each shape, as `Benchmarks/run_process.sh` has them.
    static let shapes: [(name: String, rows: Int, options: [String])] = [
        ("wide", 3_000, ["--title-rows", "1", "--extra-columns", "6", "--causal-density", "0.8", "--dates-until", "2024-03-22"]),
        ("dense", 3_000, ["--causal-density", "1", "--unique-strings", "--id-column", "--dates-until", "2024-03-22"]),
        ("longnotes", 3_000, ["--notes-words", "60-120", "--causal-density", "0.2", "--dates-until", "2024-03-22"]),
        ("export", 9_000, ["--title-rows", "1", "--extra-columns", "8", "--causal-density", "0.75", "--inline-strings", "--dates-until", "2024-03-20"]),
        ("plain", 3_000, []),
    ]

    @Test func everyShapeGivesTheCellsItGaveBefore() throws {
        let dir = try Repository.temporaryFolder("celda-golden")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let generator = Repository.root.appendingPathComponent("Benchmarks/generate_base.py").path
        var inputs: [String] = []
        for shape in Self.shapes {
            let file = "\(dir)/\(shape.name).xlsx"
            let made = try OutsidePrograms.run(["python3", generator, "--rows", String(shape.rows), "--seed", "7"] + shape.options + ["--out", file])
            try #require(made.status == 0, "\(made.output)")
            inputs.append(file)
        }
        let samples = try Celda.run(["samples", dir + "/s", "--rows", "3000", "--seed", "7", "--dias", "1"])
        try #require(samples.status == 0, "\(samples.stderr)")
        try FileManager.default.moveItem(atPath: dir + "/s/Base Mal Escalados 22-03.xlsx", toPath: dir + "/samples.xlsx")
        inputs.append(dir + "/samples.xlsx")
        for name in ["Asistencia Almabi 03-2024.xlsx", "Casos Claro Premium 22-03.xlsx", "Encuesta Claro Premium 22-03.csv",
                     "Formulario Tipificador 22-03.csv", "Monitoreos calidad 03-2024.csv"] {
            inputs.append(dir + "/s/" + name)
        }
        for file in inputs {
            let r = try Celda.run(["process", file, "--out", dir + "/out", "--today", "2024-03-22"])
            try #require(r.status == 0, "\(file): \(r.stderr)")
        }
        let outputs = try Repository.names(dir + "/out").filter { $0.hasSuffix(".xlsx") }.map { dir + "/out/" + $0 }
        let script = Repository.root.appendingPathComponent("Tests/Support/scripts/workbook_digest.py").path
        let digest = try OutsidePrograms.run(["python3", script] + outputs)
        try #require(digest.status == 0, "\(digest.output)")
        let got = digest.output.replacingOccurrences(of: dir + "/out/", with: "")
        if let out = ProcessInfo.processInfo.environment["CELDA_GOLDEN_OUT"] { try got.write(toFile: out, atomically: true, encoding: .utf8) }
        let golden = try String(contentsOfFile: Repository.root.appendingPathComponent("Tests/Support/golden/gestionados-3000.txt").path, encoding: .utf8)
        let expected = golden.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        let lines = got.split(separator: "\n").map(String.init)
        #expect(lines.filter { !$0.hasPrefix(" ") }.count == inputs.count, "one gestionado for each of the \(inputs.count) bases")
        #expect(lines.count == expected.count, "\(lines.count) lines, \(expected.count) expected")
        for (a, b) in zip(lines, expected) { #expect(a == b) }
    }
}
