/// Multiple-testing adjustments of p-values. Shared rules for all three:
/// - Input p-values are `Double?`; nil, NaN, infinite and values outside 0...1 are "not available":
///   they are left out of m (the number of tests) and come back as nil in their place, as pingouin
///   `multicomp` does with NaN (statistics.md §2.3).
/// - Output has the input's length and order; adjusted values are in 0...1 and never below the
///   raw p-value. O(m log m).
/// - Ties are ordered by input position (a stable sort), which does not change the adjusted values.

/// Benjamini–Hochberg false-discovery-rate adjustment (Benjamini & Hochberg 1995, JRSS-B
/// 57:289–300): with the m valid p-values sorted ascending, p̃₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j).
/// Matches scipy `false_discovery_control(ps, method="bh")` and statsmodels `fdr_bh`.
public enum BenjaminiHochberg {
    /// BH-adjusted p-values (nil where the input is nil or not a valid p-value).
    public static func adjust(_ p: [Double?]) -> [Double?] {
        stepUp(p, factor: 1)
    }

    /// Whether each hypothesis is rejected at false-discovery rate `q` (adjusted p ≤ q);
    /// nil where the input p-value is not available.
    public static func rejected(_ p: [Double?], q: Double = 0.05) -> [Bool?] {
        adjust(p).map { $0.map { $0 <= q } }
    }

    /// The step-up procedure with p-values multiplied by `factor` (1 for BH, c(m) for BY).
    static func stepUp(_ p: [Double?], factor: (Int) -> Double) -> [Double?] {
        let (order, values) = validSorted(p)
        let m = order.count
        var result = [Double?](repeating: nil, count: p.count)
        guard m > 0 else { return result }
        let c = factor(m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            // p·(c·m/rank) with the factor ≥ 1 formed first: rounding can then never take the
            // adjusted value below the raw one.
            let candidate = min(1, values[rank - 1] * (c * Double(m) / Double(rank)))
            running = min(running, candidate)
            result[order[rank - 1]] = running
        }
        return result
    }

    static func stepUp(_ p: [Double?], factor: Double) -> [Double?] {
        stepUp(p, factor: { _ in factor })
    }

    /// Indices of the valid p-values in ascending order of p (stable), and those p-values.
    static func validSorted(_ p: [Double?]) -> (order: [Int], values: [Double]) {
        var order = [Int]()
        order.reserveCapacity(p.count)
        for i in p.indices {
            if let v = p[i], v.isFinite, v >= 0, v <= 1 { order.append(i) }
        }
        order.sort { (p[$0]!, $0) < (p[$1]!, $1) }
        return (order, order.map { p[$0]! })
    }
}

/// Benjamini–Yekutieli adjustment, valid under any dependence between the tests (Benjamini &
/// Yekutieli 2001, Ann. Stat. 29:1165–1188): BH with every p multiplied by c(m) = Σ_{i=1..m} 1/i.
/// Matches scipy `false_discovery_control(ps, method="by")` and statsmodels `fdr_by`.
/// Same input/output rules as ``BenjaminiHochberg``.
public enum BenjaminiYekutieli {
    /// BY-adjusted p-values (nil where the input is nil or not a valid p-value).
    public static func adjust(_ p: [Double?]) -> [Double?] {
        BenjaminiHochberg.stepUp(p, factor: { m in
            var c = 0.0
            for i in stride(from: m, through: 1, by: -1) { c += 1 / Double(i) }
            return c
        })
    }
}

/// Holm's step-down family-wise error adjustment (Holm 1979, Scand. J. Stat. 6:65–70): with the m
/// valid p-values sorted ascending, p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎).
/// Matches statsmodels `multipletests(method="holm")` and pingouin `multicomp(method="holm")`.
/// Same input/output rules as ``BenjaminiHochberg``.
public enum Holm {
    /// Holm-adjusted p-values (nil where the input is nil or not a valid p-value).
    public static func adjust(_ p: [Double?]) -> [Double?] {
        let (order, values) = BenjaminiHochberg.validSorted(p)
        let m = order.count
        var result = [Double?](repeating: nil, count: p.count)
        var running = 0.0
        for j in 0..<m {
            running = max(running, min(1, Double(m - j) * values[j]))
            result[order[j]] = running
        }
        return result
    }
}
