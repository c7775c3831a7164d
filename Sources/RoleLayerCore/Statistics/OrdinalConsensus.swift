#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Consensus and dispersion of answers on one ordered scale with K categories (a Likert item, the
/// stage scale), from the count (or weighted count) in each category, lowest category first.
/// Both measures use the scale's K categories, not only the observed ones.
public enum OrdinalConsensus {
    /// Leik's ordinal dispersion D = Σ_{i<K} min(Fᵢ, 1 − Fᵢ) / ((K − 1)/2), with Fᵢ the cumulative
    /// proportion up to category i (Leik 1966, "A measure of ordinal consensus", Pacific Sociol.
    /// Rev. 9:85–90). In 0...1: 0 = all answers in one category (consensus), 1 = split half and half
    /// between the two extremes (polarised); a uniform 5-point distribution gives 0.6 (O21).
    ///
    /// - Parameter counts: K ≥ 2 finite counts ≥ 0 with a positive total.
    /// - Throws: as ``tastleWierman(counts:)``.
    public static func leikD(counts: [Double]) throws(StatisticError) -> Double {
        let p = try proportions(counts)
        let k = p.count
        var cumulative = 0.0, total = 0.0
        for i in 0..<(k - 1) {
            cumulative += p[i]
            total += min(cumulative, 1 - cumulative)
        }
        return min(1, max(0, total / (Double(k - 1) / 2)))
    }

    /// Tastle & Wierman consensus Cns = 1 + Σᵢ pᵢ·log₂(1 − |Xᵢ − μ|/(X_max − X_min)), with category
    /// values Xᵢ = 1...K, μ = Σ pᵢXᵢ and width K − 1 (Tastle & Wierman 2007, "Consensus and
    /// dissention: a measure of ordinal dispersion", Int. J. Approx. Reasoning 45:531–545). In 0...1:
    /// 1 = all answers in one category, 0 = half and half at the two extremes; uniform over 5
    /// categories gives 0.433985 (O21). Terms with pᵢ = 0 contribute 0.
    ///
    /// - Parameter counts: K ≥ 2 finite counts ≥ 0 with a positive total.
    /// - Throws: ``StatisticError/tooFew(_:_:)`` for K < 2 categories; ``StatisticError/nonFinite``;
    ///   `StatisticError("counts must be non-negative")`; ``StatisticError/noData`` when the total is 0.
    public static func tastleWierman(counts: [Double]) throws(StatisticError) -> Double {
        let p = try proportions(counts)
        let width = Double(p.count - 1)
        var mu = 0.0
        for i in p.indices { mu += p[i] * Double(i + 1) }
        var total = 0.0
        for i in p.indices where p[i] > 0 {
            let inner = max(0, 1 - abs(Double(i + 1) - mu) / width)
            total += p[i] * log2(inner)
        }
        return min(1, max(0, 1 + total))
    }

    static func proportions(_ counts: [Double]) throws(StatisticError) -> [Double] {
        guard counts.count >= 2 else { throw .tooFew(2, "categories") }
        var total = 0.0
        for c in counts {
            guard c.isFinite else { throw .nonFinite }
            guard c >= 0 else { throw StatisticError("counts must be non-negative") }
            total += c
        }
        guard total > 0 else { throw .noData }
        return counts.map { $0 / total }
    }
}
