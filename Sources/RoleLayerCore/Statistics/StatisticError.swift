/// Why a statistic has no value: the "not available" of RoleLayer's kernels.
///
/// Kernels never return NaN for "no data": they throw this with a reason a reader can act on,
/// and result values carry the reason in place of the number.
public struct StatisticError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A short lower-case sentence, for example `"no observations"` or `"zero variance"`.
    public var reason: String

    /// Creates an error with a reason.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { "not available: \(reason)" }

    /// No observations at all (n = 0, or every value missing).
    public static let noData = StatisticError("no observations")
    /// Too few observations for the statistic (for example a variance from one value).
    public static func tooFew(_ needed: Int, _ what: String = "observations") -> StatisticError {
        StatisticError("needs at least \(needed) \(what)")
    }
    /// The statistic divides by a variance (or expected value) that is zero.
    public static let zeroVariance = StatisticError("zero variance")
    /// An input is NaN or infinite where a finite number is required.
    public static let nonFinite = StatisticError("a value is not a finite number")
    /// Inputs of mismatched shapes (for example weights and values of different lengths).
    public static func shape(_ detail: String) -> StatisticError { StatisticError("inputs do not fit: \(detail)") }
}
