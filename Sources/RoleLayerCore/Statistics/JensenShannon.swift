#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Jensen–Shannon divergence between two discrete distributions (Lin 1991, "Divergence measures
/// based on the Shannon entropy", IEEE Trans. Inf. Theory 37:145–151):
///
///     JSD(P, Q) = ½·KL(P ‖ M) + ½·KL(Q ‖ M),  M = ½(P + Q),  0·log 0 = 0
///
/// Inputs are normalised to sum 1 first (counts or shares may be passed). No smoothing is needed:
/// M > 0 wherever P or Q is. In base 2 the divergence lies in 0...1 (1 for disjoint supports); in
/// base e in 0...ln 2. √JSD is a metric (Endres & Schindelin 2003, IEEE TIT 49:1858–1860).
///
/// scipy's `scipy.spatial.distance.jensenshannon(p, q, base)` returns the **distance** √JSD, with the
/// natural log unless `base` is given: compare it with ``distance(_:_:base:)``.
public enum JensenShannon {
    /// The divergence JSD(P, Q) in log base `base` (default 2): in 0...1 for base 2, in
    /// 0...log_base(2) in general. Symmetric; 0 for identical distributions.
    ///
    /// - Parameters:
    ///   - p, q: same length ≥ 1, entries finite and ≥ 0, each with a positive sum.
    ///   - base: logarithm base > 1 (2 by default; `M_E`/`exp(1)` for nats).
    /// - Throws: ``StatisticError/shape(_:)`` on different lengths; ``StatisticError/noData`` when a
    ///   vector is empty or sums to 0; ``StatisticError/nonFinite`` for NaN/∞;
    ///   `StatisticError("shares must be non-negative")`; `StatisticError("log base must be > 1")`.
    public static func divergence(_ p: [Double], _ q: [Double], base: Double = 2) throws(StatisticError) -> Double {
        guard p.count == q.count else { throw .shape("distributions of lengths \(p.count) and \(q.count)") }
        guard base > 1, base.isFinite else { throw StatisticError("log base must be > 1") }
        guard !p.isEmpty else { throw .noData }
        var sp = 0.0, sq = 0.0
        for i in p.indices {
            guard p[i].isFinite, q[i].isFinite else { throw .nonFinite }
            guard p[i] >= 0, q[i] >= 0 else { throw StatisticError("shares must be non-negative") }
            sp += p[i]; sq += q[i]
        }
        guard sp > 0, sq > 0 else { throw .noData }
        var total = 0.0
        for i in p.indices {
            let a = p[i] / sp, b = q[i] / sq
            let m = 0.5 * (a + b)
            if a > 0 { total += a * log(a / m) }
            if b > 0 { total += b * log(b / m) }
        }
        let natural = 0.5 * total
        let upper = log(2.0)
        return min(max(0, natural), upper) / log(base)
    }

    /// The Jensen–Shannon distance √JSD in log base `base` (default 2, range 0...1), the quantity
    /// scipy's `jensenshannon` returns. Same inputs and errors as ``divergence(_:_:base:)``.
    public static func distance(_ p: [Double], _ q: [Double], base: Double = 2) throws(StatisticError) -> Double {
        try divergence(p, q, base: base).squareRoot()
    }
}
