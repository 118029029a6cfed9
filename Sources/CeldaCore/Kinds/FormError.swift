/// One thing the filler of a form got wrong (tipificador): what kind of error, so the
/// compromiso de mejoramiento can total them and print the procedure for each, and the words
/// the gestionado shows for it.
public struct FormError: Sendable, Equatable, Hashable {
    /// Stable codes: the history keeps them, Templates/compromisos.yaml gives each a label and a
    /// procedure. The first two are the reader's own issue codes (`RowIssue.Code`).
    public enum Code: String, Sendable, CaseIterable {
        case missingRequired = "falta-valor"
        case invalidAccount = "cuenta-invalida"
        case causalContradictsMotivo = "causal-contradice-motivo"
        /// A survey answer that is not a whole number from 0 to 10 (encuesta-premium).
        case invalidScore = "calificacion-invalida"
        /// A history written before errors had codes: the words are kept, the kind is unknown.
        case other = "otro"
    }

    public var code: Code
    /// What the filler got wrong, in either language.
    public var words: RowWords
    /// The words as the history keeps them (the operation's Spanish).
    public var message: String { words.text(.es) }

    public init(_ code: Code, words: RowWords) {
        self.code = code
        self.words = words
    }

    /// Words as they were stored (a history, a test).
    public init(_ code: Code, _ message: String) { self.init(code, words: .stored(message)) }

    /// The form error a reader's issue is, when it is one (a missing required value, an
    /// invalid cuenta); other issues (a bad date, a duplicate row) are not the filler's.
    public init?(issue: RowIssue) {
        switch issue.code {
        case .missingRequired: self.init(.missingRequired, words: issue.words)
        case .invalidAccount: self.init(.invalidAccount, words: issue.words)
        default: return nil
        }
    }
}
