import CeldaTestSupport
import Foundation
import Testing
@testable import CeldaCore

/// «Causal contradice el motivo» on a labelled set of motivos written as front advisors write
/// them (Fixtures/motivos-etiquetados.tsv, not Templates' words): an accusation reaches the
/// form the advisor signs, so no correct form may be accused, and plain contradictions (a
/// traslado filed as Ventas) must still be caught.
struct FormContradictionTests {
    struct Labelled: CustomStringConvertible {
        var motivo: String
        var given: String
        /// The causal the motivo plainly points to; nil when the form is right.
        var contradiction: String?
        var description: String { "«\(motivo)» como \(given)" }
    }

    static func labelled() throws -> [Labelled] {
        let path = Repository.root.appendingPathComponent("Tests/CeldaCoreTests/Fixtures/motivos-etiquetados.tsv").path
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t").map(String.init)
            guard parts.count == 3 else { return nil }
            return Labelled(motivo: parts[0], given: parts[1], contradiction: parts[2] == "no" ? nil : parts[2])
        }
    }

    @Test func theSetCoversEveryCausalWithEnoughOfBoth() throws {
        let set = try Self.labelled()
        let correct = set.filter { $0.contradiction == nil }
        #expect(correct.count >= 60, "\(correct.count) correct forms")
        #expect(Set(correct.map(\.given)) == Set("ABCDEFGHI".map(String.init)))
        #expect(set.count - correct.count >= 15)
    }

    @Test func noCorrectFormIsAccused() throws {
        let rules = TipificadorRules(templates: try repositoryTemplates())
        for form in try Self.labelled() where form.contradiction == nil {
            let said = rules.contradiction(causal: form.given, motivo: form.motivo)?.text(.es)
            #expect(said == nil, "\(form): \(said ?? "")")
        }
    }

    @Test func atLeastHalfThePlainContradictionsAreCaughtAndNamed() throws {
        let rules = TipificadorRules(templates: try repositoryTemplates())
        let wrong = try Self.labelled().filter { $0.contradiction != nil }
        var caught = 0
        for form in wrong {
            guard let said = rules.contradiction(causal: form.given, motivo: form.motivo)?.text(.es) else { continue }
            caught += 1
            // What it says points where the motivo points (one of two when two are as plain).
            #expect(said.contains("son de \(form.contradiction!) ·") || said.contains(" o \(form.contradiction!) ·"), "\(form): \(said)")
        }
        #expect(caught * 2 >= wrong.count, "caught \(caught) of \(wrong.count)")
        print("contradicciones: \(caught) de \(wrong.count) detectadas")
    }

    /// The cases of the issue that accused correct forms.
    @Test(arguments: [("Quiere comprar plan de internet adicional", "I"), ("Sigue sin señal de TV, pide visita técnica", "C"),
                      ("pide dar de baja la televisión", "E")])
    func theFormsOnceAccusedAreNotAnyMore(_ form: (String, String)) throws {
        #expect(TipificadorRules(templates: try repositoryTemplates()).contradiction(causal: form.1, motivo: form.0) == nil)
    }

    @Test func aTrasladoFiledAsVentasIsCaught() throws {
        let said = TipificadorRules(templates: try repositoryTemplates()).contradiction(causal: "I", motivo: "Solicita traslado del servicio a otra dirección")
        #expect(said?.text(.es) == "causal I · Ventas contradice el motivo (sus palabras son de D · Traslados)")
        #expect(said?.text(.en) == "causal I · Ventas contradicts the motivo (its words are those of D · Traslados)")
    }
}
