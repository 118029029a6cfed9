/// What was written, for the summary line and the tests.
public struct GestionadoSummary: Equatable, Sendable {
    public var rows: Int
    public var issues: Int
    /// Primary causal code → rows.
    public var causals: [String: Int]
    public var alarms: Int
    public var path: String
    /// The base sheets' names, the first one first (more than one when the rows spilled).
    public var baseSheets: [String] = []
}
