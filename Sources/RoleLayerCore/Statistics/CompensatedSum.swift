/// A running sum with Neumaier's compensation (Neumaier 1974, "Rundungsfehleranalyse einiger
/// Verfahren zur Summation endlicher Summen", ZAMM 54:39–51; an improvement of Kahan 1965).
///
/// Use it where many terms (more than about 10⁵) are added, for example sums of survey weights
/// over a million respondents: the error stays O(ε) instead of growing with O(n·ε).
/// Adding a non-finite term makes ``value`` non-finite, as plain addition would.
public struct CompensatedSum: Sendable, Hashable {
    /// The naive running sum.
    @usableFromInline internal var sum: Double = 0
    /// The accumulated low-order bits lost by ``sum``.
    @usableFromInline internal var compensation: Double = 0

    /// An empty sum (value 0).
    public init() {}

    /// Adds one term.
    @inlinable
    public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    /// Adds the value of another compensated sum (used when merging partial states).
    @inlinable
    public mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        add(other.compensation)
    }

    /// The compensated total.
    @inlinable
    public var value: Double { sum + compensation }

    /// The compensated sum of `values` (0 for an empty sequence).
    public static func sum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var s = CompensatedSum()
        for x in values { s.add(x) }
        return s.value
    }
}
