/// A scenario that cannot be simulated, with every problem found.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One sentence per problem, naming the key, for example
    /// `"roles.cfo.blockers: unknown blocker 'capital'"`.
    public var problems: [String]

    /// Creates an error from its problems.
    public init(problems: [String]) { self.problems = problems }

    /// `invalid scenario:` followed by one indented line per problem.
    public var description: String {
        "invalid scenario:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
    }
}
